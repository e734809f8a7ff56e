package org.facesearch.store.crawl;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.facesearch.vector.Box;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Row2;
import org.jooq.impl.DSL;

/**
 * The rows the storage path of {@code crawl} and {@code import} writes, inside the caller's transaction:
 * profiles upserted by {@code (source, external_id)}, photos with their status, faces with their vector (a
 * little-endian float32 BLOB, with the model id), and the content hashes already stored.
 *
 * <p>The profile upsert is plain SQL with {@code ON DUPLICATE KEY UPDATE col = VALUES(col)}, the one form MySQL 8
 * and MariaDB both accept (MySQL 8.0.20+ calls {@code VALUES()} deprecated but keeps it; MariaDB rejects the
 * {@code AS alias} row form that jOOQ renders for the MySQL dialect).
 */
public final class CrawlWrites {
    private static final int MAX_REASON = 1024;
    /** The status of a photo whose download failed for a transient reason; the next crawl downloads it again. */
    public static final String RETRY = "retry";
    private static final String UPSERT_PROFILES =
            "insert into profile (source, external_id, display_name, profile_url, photo_url, status) values ";
    private static final String ON_DUPLICATE_PROFILE = " on duplicate key update display_name = values(display_name), "
            + "profile_url = values(profile_url), photo_url = values(photo_url), status = values(status), "
            + "updated_at = current_timestamp(3)";

    private CrawlWrites() {
    }

    /** Upserts the profiles; returns their ids by {@link #key(String, String)}. */
    public static Map<String, Long> upsertProfiles(DSLContext tx, List<ProfileInfo> profiles) {
        List<Object> bindings = new ArrayList<>(profiles.size() * 6);
        for (ProfileInfo p : profiles) {
            bindings.addAll(Arrays.asList(p.source(), p.externalId(), p.displayName(), p.profileUrl(), p.photoUrl(),
                    p.status().column()));
        }
        tx.execute(UPSERT_PROFILES + String.join(",", Collections.nCopies(profiles.size(), "(?, ?, ?, ?, ?, ?)"))
                + ON_DUPLICATE_PROFILE, bindings.toArray());
        List<Row2<String, String>> keys = profiles.stream()
                .map(p -> DSL.row(p.source(), p.externalId())).distinct().toList();
        Map<String, Long> ids = new HashMap<>();
        tx.select(PROFILE.ID, PROFILE.SOURCE, PROFILE.EXTERNAL_ID).from(PROFILE)
                .where(DSL.row(PROFILE.SOURCE, PROFILE.EXTERNAL_ID).in(keys))
                .forEach(r -> ids.put(key(r.value2(), r.value3()), r.value1()));
        return ids;
    }

    /** The key of a profile in {@link #upsertProfiles}'s answer. */
    public static String key(String source, String externalId) {
        return source + '\u0000' + externalId;
    }

    /**
     * Stores a photo row; returns its id. {@code status} is {@code ok}, {@code no_face}, {@code failed} or
     * {@link #RETRY} (then {@code reason} says why, cut to 1,024 characters); the hash, size and dimensions are null
     * when unknown.
     */
    public static long insertPhoto(DSLContext tx, long profileId, String url, byte[] sha256, Integer byteSize,
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

    /** Stores a face of embedder {@code model}; returns its id. */
    public static long insertFace(DSLContext tx, long photoId, long profileId, Box box, float score, String model,
                                  float[] vector) {
        return tx.insertInto(FACE)
                .set(FACE.PHOTO_ID, photoId)
                .set(FACE.PROFILE_ID, profileId)
                .set(FACE.BOX_X, (double) box.x())
                .set(FACE.BOX_Y, (double) box.y())
                .set(FACE.BOX_W, (double) box.width())
                .set(FACE.BOX_H, (double) box.height())
                .set(FACE.SCORE, (double) score)
                .set(FACE.MODEL, model)
                .set(FACE.VECTOR, VectorCodec.encode(vector))
                .returningResult(FACE.ID)
                .fetchOne()
                .value1();
    }

    /** A stored face to link to another account: its box, detector score and vector. */
    public record StoredFace(Box box, float score, float[] vector) {
    }

    /** The photo with a given content and its faces, to be linked to another profile. */
    public record SharedPhoto(long photoId, List<StoredFace> faces) {
    }

    /**
     * The faces of model {@code model} on the stored photo with content {@code sha256}, when that photo belongs to
     * another profile than {@code profileId} and is not linked to it yet; empty otherwise (no such photo, this
     * profile's own, or linked before).
     */
    public static Optional<SharedPhoto> facesToLink(DSLContext tx, byte[] sha256, long profileId, String model) {
        var photo = tx.select(PHOTO.ID, PHOTO.PROFILE_ID).from(PHOTO).where(PHOTO.CONTENT_SHA256.eq(sha256)).fetchOne();
        if (photo == null || photo.value2() == profileId
                || tx.fetchExists(FACE, FACE.PHOTO_ID.eq(photo.value1()), FACE.PROFILE_ID.eq(profileId))) {
            return Optional.empty();
        }
        List<StoredFace> faces = tx.select(FACE.BOX_X, FACE.BOX_Y, FACE.BOX_W, FACE.BOX_H, FACE.SCORE, FACE.VECTOR).from(FACE)
                .where(FACE.PHOTO_ID.eq(photo.value1()), FACE.PROFILE_ID.eq(photo.value2()), FACE.MODEL.eq(model))
                .orderBy(FACE.ID)
                .fetch(r -> new StoredFace(new Box(r.value1().floatValue(), r.value2().floatValue(), r.value3().floatValue(),
                        r.value4().floatValue()), r.value5().floatValue(), VectorCodec.decode(r.value6())));
        return Optional.of(new SharedPhoto(photo.value1(), faces));
    }

    /** Which of {@code hashes} (SHA-256 of photo bytes) are stored already, as lower-case hex. */
    public static Set<String> storedHashes(DSLContext db, Collection<byte[]> hashes) {
        Set<String> seen = new HashSet<>();
        if (!hashes.isEmpty()) {
            HexFormat hex = HexFormat.of();
            db.select(PHOTO.CONTENT_SHA256).from(PHOTO).where(PHOTO.CONTENT_SHA256.in(hashes))
                    .forEach(r -> seen.add(hex.formatHex(r.value1())));
        }
        return seen;
    }
}
