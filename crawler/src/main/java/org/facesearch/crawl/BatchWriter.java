package org.facesearch.crawl;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.faces.DetectedFace;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.impl.DSL;

/**
 * Writes one prepared batch inside the caller's transaction: profiles upserted by {@code (source, external_id)},
 * then each new photo with its status, then its faces (vector as a little-endian float32 BLOB, with the model id),
 * each face assigned to its cluster through {@link ClusterHook#assign} in the same transaction.
 *
 * <p>The profile upsert is plain SQL with {@code ON DUPLICATE KEY UPDATE col = VALUES(col)}, the one form MySQL 8
 * and MariaDB both accept (MySQL 8.0.20+ calls {@code VALUES()} deprecated but keeps it; MariaDB rejects the
 * {@code AS alias} row form that jOOQ renders for the MySQL dialect).
 */
final class BatchWriter {
    private static final int MAX_REASON = 1024;
    /** The status of a photo whose download failed for a transient reason; {@link DownloadRetries} retries it. */
    static final String RETRY = "retry";
    private static final String UPSERT_PROFILES =
            "insert into profile (source, external_id, display_name, profile_url, photo_url, status) values ";
    private static final String ON_DUPLICATE_PROFILE = " on duplicate key update display_name = values(display_name), "
            + "profile_url = values(profile_url), photo_url = values(photo_url), status = values(status), "
            + "updated_at = current_timestamp(3)";

    record Item(ProfileInfo profile, PreparedPhoto photo) {
    }

    private final String model;
    private final ClusterHook clusters;

    BatchWriter(String model, ClusterHook clusters) {
        this.model = model;
        this.clusters = clusters;
    }

    StoreCounts write(DSLContext tx, List<Item> items) {
        if (items.isEmpty()) {
            return StoreCounts.ZERO;
        }
        Map<String, Long> profileIds = upsertProfiles(tx, items);
        long photos = 0, faces = 0, noFace = 0, failed = 0, retryLater = 0, duplicates = 0;
        for (Item item : items) {
            long profileId = profileIds.get(key(item.profile().source(), item.profile().externalId()));
            switch (item.photo()) {
                case null -> { }
                case PreparedPhoto.Duplicate d -> {
                    duplicates++;
                    faces += linkFaces(tx, profileId, d.sha256());
                }
                case PreparedPhoto.Unavailable u -> {
                    insertPhoto(tx, profileId, u.url(), null, null, null, null, u.retryable() ? RETRY : "failed", u.reason());
                    photos++;
                    failed++;
                    if (u.retryable()) retryLater++;
                }
                case PreparedPhoto.Analyzed a -> {
                    photos++;
                    switch (a.analysis()) {
                        case FaceAnalyzer.Unreadable bad -> {
                            insertPhoto(tx, profileId, a.url(), a.sha256(), a.byteSize(), null, null, "failed", bad.reason());
                            failed++;
                        }
                        case FaceAnalyzer.Faces found -> {
                            boolean none = found.faces().isEmpty();
                            long photoId = insertPhoto(tx, profileId, a.url(), a.sha256(), a.byteSize(), found.width(),
                                    found.height(), none ? "no_face" : "ok", null);
                            if (none) {
                                noFace++;
                            }
                            for (DetectedFace face : found.faces()) {
                                insertFace(tx, photoId, profileId, face);
                                faces++;
                            }
                        }
                    }
                }
            }
        }
        return new StoreCounts(items.size(), photos, faces, noFace, failed, retryLater, duplicates);
    }

    private static Map<String, Long> upsertProfiles(DSLContext tx, List<Item> items) {
        List<Object> bindings = new ArrayList<>(items.size() * 6);
        for (Item item : items) {
            ProfileInfo p = item.profile();
            bindings.addAll(Arrays.asList(p.source(), p.externalId(), p.displayName(), p.profileUrl(), p.photoUrl(),
                    p.status().column()));
        }
        tx.execute(UPSERT_PROFILES + String.join(",", Collections.nCopies(items.size(), "(?, ?, ?, ?, ?, ?)"))
                + ON_DUPLICATE_PROFILE, bindings.toArray());
        List<Row2<String, String>> keys = items.stream()
                .map(i -> DSL.row(i.profile().source(), i.profile().externalId())).distinct().toList();
        Map<String, Long> ids = new HashMap<>();
        tx.select(PROFILE.ID, PROFILE.SOURCE, PROFILE.EXTERNAL_ID).from(PROFILE)
                .where(DSL.row(PROFILE.SOURCE, PROFILE.EXTERNAL_ID).in(keys))
                .forEach(r -> ids.put(key(r.value2(), r.value3()), r.value1()));
        return ids;
    }

    private static String key(String source, String externalId) {
        return source + '\u0000' + externalId;
    }

    private static long insertPhoto(DSLContext tx, long profileId, String url, byte[] sha256, Integer byteSize,
                                    Integer width, Integer height, String status, String reason) {
        return tx.insertInto(PHOTO)
                .set(PHOTO.PROFILE_ID, profileId)
                .set(PHOTO.URL, url)
                .set(PHOTO.CONTENT_SHA256, sha256)
                .set(PHOTO.BYTE_SIZE, byteSize)
                .set(PHOTO.WIDTH, width)
                .set(PHOTO.HEIGHT, height)
                .set(PHOTO.STATUS, status)
                .set(PHOTO.FAILURE_REASON, reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON))
                .returningResult(PHOTO.ID)
                .fetchOne()
                .value1();
    }

    /**
     * Another account whose photo has the same content as a stored one (VK users sharing a picture, a gallery
     * person twice): the stored photo's faces are stored for this profile too (same photo row, same vectors), so a
     * search finds every account that shows them. Nothing when the photo is this profile's own or already linked.
     *
     * @return the faces stored
     */
    private int linkFaces(DSLContext tx, long profileId, byte[] sha256) {
        var photo = tx.select(PHOTO.ID, PHOTO.PROFILE_ID).from(PHOTO).where(PHOTO.CONTENT_SHA256.eq(sha256)).fetchOne();
        if (photo == null || photo.value2() == profileId
                || tx.fetchExists(FACE, FACE.PHOTO_ID.eq(photo.value1()), FACE.PROFILE_ID.eq(profileId))) {
            return 0;
        }
        List<DetectedFace> faces = tx.select(FACE.BOX_X, FACE.BOX_Y, FACE.BOX_W, FACE.BOX_H, FACE.SCORE, FACE.VECTOR).from(FACE)
                .where(FACE.PHOTO_ID.eq(photo.value1()), FACE.PROFILE_ID.eq(photo.value2()), FACE.MODEL.eq(model))
                .orderBy(FACE.ID)
                .fetch(r -> new DetectedFace(r.value1().floatValue(), r.value2().floatValue(), r.value3().floatValue(),
                        r.value4().floatValue(), r.value5().floatValue(), VectorCodec.decode(r.value6()), model));
        for (DetectedFace face : faces) {
            insertFace(tx, photo.value1(), profileId, face);
        }
        return faces.size();
    }

    private void insertFace(DSLContext tx, long photoId, long profileId, DetectedFace face) {
        long faceId = tx.insertInto(FACE)
                .set(FACE.PHOTO_ID, photoId)
                .set(FACE.PROFILE_ID, profileId)
                .set(FACE.BOX_X, (double) face.x())
                .set(FACE.BOX_Y, (double) face.y())
                .set(FACE.BOX_W, (double) face.width())
                .set(FACE.BOX_H, (double) face.height())
                .set(FACE.SCORE, (double) face.score())
                .set(FACE.MODEL, model)
                .set(FACE.VECTOR, VectorCodec.encode(face.vector()))
                .returningResult(FACE.ID)
                .fetchOne()
                .value1();
        clusters.assign(tx, model, faceId, face.vector());
    }
}
