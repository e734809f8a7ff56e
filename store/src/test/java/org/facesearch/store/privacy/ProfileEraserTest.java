package org.facesearch.store.privacy;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.store.Database;
import org.facesearch.store.clusters.ClusteringWrites;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** A forget leaves no row of the person anywhere, keeps the centroid sizes equal to the rows, and lists them. */
class ProfileEraserTest {
    private static final String MODEL = "faceres";

    @Test
    void forgettingAProfileRemovesEveryRowOfItAndKeepsTheSizesRight() {
        try (Database database = TestDatabase.fresh()) {
            DSLContext db = database.dsl();
            SplittableRandom random = new SplittableRandom(3);
            long first = StoredFaces.insert(db, MODEL, StoredFaces.randomUnit(random, 8), "vk", "7", "Anna", null, "https://x/7.jpg");
            long version = ClusteringWrites.createInitial(db, MODEL, 100, first, vectorOf(db, first));
            long second = StoredFaces.insert(db, MODEL, StoredFaces.randomUnit(random, 8), "vk", "8", "Boris", null, "https://x/8.jpg");
            ClusteringWrites.addFace(db, version, 0, second, new byte[1]);  // no code is read here
            long anna = profileOf(db, first);
            // another account showing the same picture: its face is stored on Anna's photo row
            long copy = linkedFace(db, first, "9");
            ClusteringWrites.addFace(db, version, 0, copy, new byte[1]);

            ProfileEraser.Erased erased = ProfileEraser.erase(db, List.of(anna));

            assertEquals(List.of("vk:7"), erased.profiles());
            assertEquals(List.of(first, copy), erased.faceIds(), "her face, also where another account shows her photo");
            assertEquals(1, erased.photos());
            assertEquals(0, db.fetchCount(PROFILE, PROFILE.ID.eq(anna)));
            assertEquals(0, db.fetchCount(PHOTO, PHOTO.PROFILE_ID.eq(anna)));
            assertEquals(0, db.fetchCount(FACE, FACE.PROFILE_ID.eq(anna)));
            assertEquals(0, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.FACE_ID.eq(first)));
            assertEquals(1, db.fetchCount(FACE), "the other person stays");
            assertEquals(2, db.fetchCount(PROFILE), "so does the account that showed her photo");
            assertEquals(1, db.select(CENTROID.SIZE).from(CENTROID).where(CENTROID.CLUSTERING_ID.eq(version)).fetchSingle(CENTROID.SIZE),
                    "the centroid lost exactly the forgotten face");
            assertEquals(List.of("vk:7"), DoNotCollect.list(db).stream().map(DoNotCollect.Entry::toString).toList());
            assertEquals(List.of(new FaceRemovals.Removal(1, first), new FaceRemovals.Removal(2, copy)),
                    FaceRemovals.after(db, MODEL, 0, 10));
            assertTrue(DoNotCollect.listedLocked(db, "vk", List.of("7", "8")).contains("7"));

            assertTrue(DoNotCollect.remove(db, "vk", "7"), "allow-collection takes the entry off");
            assertEquals(List.of(), DoNotCollect.list(db));
        }
    }

    /** A face of a new VK profile {@code externalId} on the photo of face {@code face}, as the storage path links it. */
    private static long linkedFace(DSLContext db, long face, String externalId) {
        var f = db.selectFrom(FACE).where(FACE.ID.eq(face)).fetchSingle();
        long profile = db.insertInto(PROFILE).set(PROFILE.SOURCE, "vk").set(PROFILE.EXTERNAL_ID, externalId)
                .set(PROFILE.DISPLAY_NAME, "Copy").set(PROFILE.STATUS, "ok").returningResult(PROFILE.ID).fetchSingle(PROFILE.ID);
        return db.insertInto(FACE).set(FACE.PHOTO_ID, f.getPhotoId()).set(FACE.PROFILE_ID, profile)
                .set(FACE.BOX_X, f.getBoxX()).set(FACE.BOX_Y, f.getBoxY()).set(FACE.BOX_W, f.getBoxW()).set(FACE.BOX_H, f.getBoxH())
                .set(FACE.SCORE, f.getScore()).set(FACE.MODEL, f.getModel()).set(FACE.VECTOR, f.getVector())
                .returningResult(FACE.ID).fetchSingle(FACE.ID);
    }

    private static float[] vectorOf(DSLContext db, long face) {
        return VectorCodec.decode(db.select(FACE.VECTOR).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.VECTOR));
    }

    private static long profileOf(DSLContext db, long face) {
        return db.select(FACE.PROFILE_ID).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.PROFILE_ID);
    }
}
