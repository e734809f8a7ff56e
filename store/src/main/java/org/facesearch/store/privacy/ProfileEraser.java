package org.facesearch.store.privacy;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.FACE_REMOVAL;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.facesearch.store.clusters.Clusterings;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes profiles and everything stored of them in ONE transaction: their cluster rows (with the centroid sizes
 * lowered to match), faces, photos and the profile rows, records each profile in the {@link DoNotCollect} list
 * and each face id in {@link FaceRemovals}. Killed at any point, the person is either fully present or fully gone.
 *
 * <p>Order, and why:
 * <ol>
 * <li>the do-not-collect entries first: a crawl or import storing the same person reads the list with a shared
 *     lock in its own transaction, so either it waits for this one and then skips the person, or this one waits
 *     for it and then removes what it stored (every later step is a locking read of the newest rows);
 * <li>a shared lock on each model's active clustering ({@link Clusterings#activeLocked}), which a recluster's
 *     switch must wait for: the switch counts each cluster's rows in the database, so it counts either before
 *     this transaction (it waited) or after it (this one waited), never a half;
 * <li>the faces locked {@code FOR UPDATE}, so a recluster writing a page of cluster rows, which first locks the
 *     page's faces in share mode, waits and then finds them gone (a removed face is never written back into any
 *     clustering), or finishes first and its new rows are deleted below;
 * <li>their cluster rows in every version, each centroid's size lowered by the rows it lost, the removal log,
 *     the faces, photos and last the profiles (the foreign keys' order).
 * </ol>
 * "Their faces" are the faces of the profiles and every face on their photos: another account that showed the
 * same picture has its faces stored on the first account's photo row (the storage path links them), and those
 * are the same person's face. The other account itself stays, and so do its own photos.
 * A transaction chosen as a deadlock victim (SQLSTATE 40001) is run again, up to {@value #ATTEMPTS} times.
 */
public final class ProfileEraser {
    private static final Logger log = LoggerFactory.getLogger(ProfileEraser.class);
    private static final int ATTEMPTS = 5;

    private ProfileEraser() {
    }

    /** What was removed: the profiles' keys, photos counted, and the removed face ids by model. */
    public record Erased(List<String> profiles, int photos, Map<String, List<Long>> facesByModel) {
        public int faces() {
            return facesByModel.values().stream().mapToInt(List::size).sum();
        }

        public List<Long> faceIds() {
            return facesByModel.values().stream().flatMap(List::stream).sorted().toList();
        }
    }

    /** Removes the profiles with these ids (ids not stored are ignored); see the class comment. */
    public static Erased erase(DSLContext db, Collection<Long> profileIds) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.transactionResult(c -> eraseIn(c.dsl(), new TreeSet<>(profileIds)));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !"40001".equals(e.sqlState())) {
                    throw e;
                }
                log.info("forget was a deadlock victim (attempt {}); retrying", attempt);
            }
        }
    }

    private static Erased eraseIn(DSLContext tx, Collection<Long> profileIds) {
        List<String> keys = new ArrayList<>();
        for (Record2<String, String> p : tx.select(PROFILE.SOURCE, PROFILE.EXTERNAL_ID).from(PROFILE)
                .where(PROFILE.ID.in(profileIds)).orderBy(PROFILE.ID).fetch()) {
            DoNotCollect.add(tx, p.value1(), p.value2());
            keys.add(p.value1() + ":" + p.value2());
        }
        Condition theirFaces = FACE.PROFILE_ID.in(profileIds)
                .or(FACE.PHOTO_ID.in(tx.select(PHOTO.ID).from(PHOTO).where(PHOTO.PROFILE_ID.in(profileIds))));
        for (String model : tx.selectDistinct(FACE.MODEL).from(FACE).where(theirFaces).orderBy(FACE.MODEL).fetch(FACE.MODEL)) {
            Clusterings.activeLocked(tx, model);
        }
        Map<String, List<Long>> facesByModel = new TreeMap<>();
        tx.select(FACE.ID, FACE.MODEL).from(FACE).where(theirFaces).orderBy(FACE.ID).forUpdate()
                .forEach(r -> facesByModel.computeIfAbsent(r.value2(), m -> new ArrayList<>()).add(r.value1()));
        List<Long> faceIds = facesByModel.values().stream().flatMap(List::stream).toList();
        if (!faceIds.isEmpty()) {
            removeClusterRows(tx, faceIds);
            BatchBindStep removals = tx.batch(tx.insertInto(FACE_REMOVAL, FACE_REMOVAL.MODEL, FACE_REMOVAL.FACE_ID)
                    .values((String) null, null));
            facesByModel.forEach((model, ids) -> ids.forEach(id -> removals.bind(model, id)));
            removals.execute();
            tx.deleteFrom(FACE).where(FACE.ID.in(faceIds)).execute();
        }
        int photos = tx.deleteFrom(PHOTO).where(PHOTO.PROFILE_ID.in(profileIds)).execute();
        tx.deleteFrom(PROFILE).where(PROFILE.ID.in(profileIds)).execute();
        return new Erased(keys, photos, facesByModel);
    }

    /** Deletes the faces' rows in every clustering version and lowers each centroid's size by what it lost. */
    private static void removeClusterRows(DSLContext tx, List<Long> faceIds) {
        record Cluster(long clustering, int cluster) {
        }
        Map<Cluster, Integer> lost = new HashMap<>();
        tx.select(FACE_CLUSTER.CLUSTERING_ID, FACE_CLUSTER.CLUSTER_ID).from(FACE_CLUSTER)
                .where(FACE_CLUSTER.FACE_ID.in(faceIds)).forUpdate()
                .forEach(r -> lost.merge(new Cluster(r.value1(), r.value2()), 1, Integer::sum));
        tx.deleteFrom(FACE_CLUSTER).where(FACE_CLUSTER.FACE_ID.in(faceIds)).execute();
        lost.forEach((c, n) -> tx.update(CENTROID).set(CENTROID.SIZE, CENTROID.SIZE.minus(n))
                .where(CENTROID.CLUSTERING_ID.eq(c.clustering()), CENTROID.CLUSTER_ID.eq(c.cluster())).execute());
    }
}
