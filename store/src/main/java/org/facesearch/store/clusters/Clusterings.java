package org.facesearch.store.clusters;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.CLUSTERING;

import java.util.List;
import java.util.Optional;
import org.facesearch.store.schema.tables.records.ClusteringRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Reads of the {@code clustering} and {@code centroid} tables shared by assignment, reclustering and search.
 *
 * <p>{@link #activeLocked} is a locking read ({@code LOCK IN SHARE MODE}, accepted by MySQL 8 and MariaDB): it
 * sees the newest committed state whatever the transaction's snapshot, and the shared lock it holds until the
 * caller commits makes a recluster's switch wait for transactions that are assigning faces to the old version.
 * That is what guarantees that no face is lost across a switch (see the clusterer's {@code Recluster}).
 */
public final class Clusterings {
    private Clusterings() {
    }

    /** The active version of {@code model}, or empty; a plain (snapshot) read. */
    public static Optional<ClusteringVersion> active(DSLContext db, String model) {
        return db.selectFrom(CLUSTERING)
                .where(CLUSTERING.MODEL.eq(model), CLUSTERING.STATUS.eq(ClusteringVersion.ACTIVE))
                .orderBy(CLUSTERING.ID.desc())
                .limit(1)
                .fetchOptional()
                .map(ClusteringVersion::of);
    }

    /** The active version of {@code model}, read with a shared lock held until {@code tx} ends. */
    public static Optional<ClusteringVersion> activeLocked(DSLContext tx, String model) {
        var select = tx.selectFrom(CLUSTERING)
                .where(CLUSTERING.MODEL.eq(model), CLUSTERING.STATUS.eq(ClusteringVersion.ACTIVE))
                .orderBy(CLUSTERING.ID.desc())
                .limit(1);
        return tx.fetch("{0} lock in share mode", select).stream()
                .findFirst()
                .map(r -> ClusteringVersion.of(r.into(ClusteringRecord.class)));
    }

    /** Versions of {@code model} that a killed recluster left behind: building or retired. */
    public static List<ClusteringVersion> unfinished(DSLContext db, String model) {
        return db.selectFrom(CLUSTERING)
                .where(CLUSTERING.MODEL.eq(model),
                        CLUSTERING.STATUS.in(ClusteringVersion.BUILDING, ClusteringVersion.RETIRED))
                .fetch(ClusteringVersion::of);
    }

    /** The largest cluster of a version (0 for a version without centroids). */
    public static int largestCluster(DSLContext db, long clusteringId) {
        Integer max = db.select(DSL.max(CENTROID.SIZE)).from(CENTROID)
                .where(CENTROID.CLUSTERING_ID.eq(clusteringId))
                .fetchOne(0, Integer.class);
        return max == null ? 0 : max;
    }

    /** The sizes of the clusters of a version, indexed by cluster id. */
    public static int[] sizes(DSLContext db, long clusteringId) {
        return db.select(CENTROID.SIZE).from(CENTROID)
                .where(CENTROID.CLUSTERING_ID.eq(clusteringId))
                .orderBy(CENTROID.CLUSTER_ID)
                .fetch(CENTROID.SIZE).stream().mapToInt(Integer::intValue).toArray();
    }
}
