package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.GALLERY_ROOT;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.facesearch.vector.Box;

/**
 * What the product shows about stored faces and profiles: a face with its photo and profile, many faces at once
 * (a search's hits: one query joining {@code face}, {@code photo} and {@code profile} by primary key for the
 * winners only), a profile with its faces, and counts. Searches run on the in-memory index; a vector is read
 * here only for a comparison with one stored face.
 */
public final class FaceCatalog {
    private final DSLContext db;

    public FaceCatalog(DSLContext db) {
        this.db = db;
    }

    /** A stored face with where it came from. {@code photoUrl} is the stored URL (a {@code file:} URI for galleries). */
    public record StoredFace(long id, long photoId, long profileId, Box box, float score, String model,
                             String photoUrl, String name, String source, String externalId, String profileUrl) {

        /** Where the person is: the stored profile URL, else {@code https://vk.com/idN} for VK, else {@code source:id}. */
        public String link() {
            if (profileUrl != null && !profileUrl.isBlank()) {
                return profileUrl;
            }
            return "vk".equals(source) ? "https://vk.com/id" + externalId : source + ":" + externalId;
        }
    }

    /** A profile (a VK user or a gallery person). */
    public record Profile(long id, String source, String externalId, String name, String profileUrl,
                          String photoUrl, String status) {
    }

    /** A stored face's model id and vector (unit length, as stored). */
    public record StoredVector(String model, float[] vector) {
    }

    public Optional<StoredVector> vector(long id) {
        return db.select(FACE.MODEL, FACE.VECTOR).from(FACE).where(FACE.ID.eq(id)).fetchOptional()
                .map(r -> new StoredVector(r.get(FACE.MODEL), VectorCodec.decode(r.get(FACE.VECTOR))));
    }

    public Optional<StoredFace> face(long id) {
        return select().where(FACE.ID.eq(id)).fetchOptional().map(FaceCatalog::storedFace);
    }

    /** The stored faces among {@code ids} (a face deleted meanwhile is simply missing), by id. */
    public Map<Long, StoredFace> faces(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return select().where(FACE.ID.in(ids)).fetch(FaceCatalog::storedFace).stream()
                .collect(Collectors.toMap(StoredFace::id, f -> f));
    }

    /** The faces of a profile, oldest first. */
    public List<StoredFace> facesOfProfile(long profileId) {
        return select().where(FACE.PROFILE_ID.eq(profileId)).orderBy(FACE.ID).fetch(FaceCatalog::storedFace);
    }

    public Optional<Profile> profile(long id) {
        return db.selectFrom(PROFILE).where(PROFILE.ID.eq(id)).fetchOptional()
                .map(p -> new Profile(p.getId(), p.getSource(), p.getExternalId(), p.getDisplayName(),
                        p.getProfileUrl(), p.getPhotoUrl(), p.getStatus()));
    }

    public long profileCount() {
        return db.fetchCount(PROFILE);
    }

    /** The folders imports read galleries from (real paths): gallery photos are read only under them. */
    public List<String> galleryRoots() {
        return db.select(GALLERY_ROOT.PATH).from(GALLERY_ROOT).fetch(GALLERY_ROOT.PATH);
    }

    /** Cheap liveness probe of the database. */
    public void ping() {
        db.selectOne().fetch();
    }

    private static final List<org.jooq.SelectFieldOrAsterisk> COLUMNS = List.of(FACE.ID, FACE.PHOTO_ID,
            FACE.PROFILE_ID, FACE.BOX_X, FACE.BOX_Y, FACE.BOX_W, FACE.BOX_H, FACE.SCORE, FACE.MODEL, PHOTO.URL,
            PROFILE.DISPLAY_NAME, PROFILE.SOURCE, PROFILE.EXTERNAL_ID, PROFILE.PROFILE_URL);

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(COLUMNS)
                .from(FACE)
                .join(PHOTO).on(PHOTO.ID.eq(FACE.PHOTO_ID))
                .join(PROFILE).on(PROFILE.ID.eq(FACE.PROFILE_ID));
    }

    private static StoredFace storedFace(Record r) {
        return new StoredFace(r.get(FACE.ID), r.get(FACE.PHOTO_ID), r.get(FACE.PROFILE_ID),
                new Box(r.get(FACE.BOX_X).floatValue(), r.get(FACE.BOX_Y).floatValue(), r.get(FACE.BOX_W).floatValue(),
                        r.get(FACE.BOX_H).floatValue()),
                r.get(FACE.SCORE).floatValue(), r.get(FACE.MODEL), r.get(PHOTO.URL), r.get(PROFILE.DISPLAY_NAME),
                r.get(PROFILE.SOURCE), r.get(PROFILE.EXTERNAL_ID), r.get(PROFILE.PROFILE_URL));
    }
}
