package org.facesearch.store;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void migrationsCreateTheSchemaOnAnEmptyDatabaseAndAreIdempotent() {
        ConnectionSettings settings = TestDatabase.settingsFor("migrate_" + ProcessHandle.current().pid());
        try (Database first = Database.connect(settings, null)) {
            assertEquals(5, first.migration().migrationsExecuted);
            List<String> tables = first.dsl().fetch("show tables").getValues(0, String.class);
            assertTrue(tables.containsAll(List.of("profile", "photo", "face", "clustering", "centroid", "face_cluster", "crawl_state",
                    "do_not_collect", "face_removal", "api_key")), tables.toString());
        }
        try (Database again = Database.connect(settings, null)) {
            assertEquals(0, again.migration().migrationsExecuted);
            assertEquals("20", again.schemaVersion());
        }
    }

    @Test
    void aFaceVectorOf1024FloatsRoundTripsBitExactly() {
        float[] vector = new float[1024];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < vector.length; i++) vector[i] = (float) r.nextGaussian();
        vector[0] = Float.MIN_VALUE;   // subnormal
        vector[1] = -0.0f;
        vector[2] = Float.MAX_VALUE;
        ByteBuffer blob = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) blob.putFloat(f);

        try (Database db = TestDatabase.fresh()) {
            var dsl = db.dsl();
            long profile = dsl.insertInto(PROFILE, PROFILE.SOURCE, PROFILE.EXTERNAL_ID, PROFILE.DISPLAY_NAME, PROFILE.STATUS)
                    .values("gallery", "p1", "Someone", "ok").returning(PROFILE.ID).fetchOne().getId();
            long photo = dsl.insertInto(PHOTO, PHOTO.PROFILE_ID, PHOTO.URL, PHOTO.STATUS)
                    .values(profile, "file:///x.jpg", "ok").returning(PHOTO.ID).fetchOne().getId();
            long face = dsl.insertInto(FACE, FACE.PHOTO_ID, FACE.PROFILE_ID, FACE.BOX_X, FACE.BOX_Y, FACE.BOX_W, FACE.BOX_H, FACE.SCORE, FACE.MODEL, FACE.VECTOR)
                    .values(photo, profile, 1d, 2d, 3d, 4d, 0.9d, "faceres", blob.array()).returning(FACE.ID).fetchOne().getId();

            byte[] stored = dsl.select(FACE.VECTOR).from(FACE).where(FACE.ID.eq(face)).fetchOne(FACE.VECTOR);
            assertArrayEquals(blob.array(), stored);
            ByteBuffer back = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < vector.length; i++) {
                assertEquals(Float.floatToRawIntBits(vector[i]), Float.floatToRawIntBits(back.getFloat()), "float " + i);
            }
        }
    }

    @Test
    void anUnreachableServerIsOneClearMessage() {
        var settings = new ConnectionSettings("jdbc:mysql://127.0.0.1:1/vk_db?connectTimeout=2000", "root", "", 2);
        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.connect(settings, null));
        assertTrue(e.getMessage().startsWith("cannot reach the database at jdbc:mysql://127.0.0.1:1/vk_db"), e.getMessage());
    }

    @Test
    void anUnknownDatabaseSaysToCreateIt() {
        ConnectionSettings any = TestDatabase.settingsFor("exists_" + ProcessHandle.current().pid());
        String url = any.url().replaceFirst("/exists_\\d+", "/no_such_database_here");
        var missing = new ConnectionSettings(url, any.user(), any.password(), 2);
        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.connect(missing, null));
        assertTrue(e.getMessage().contains("does not exist: create it first"), e.getMessage());
    }
}
