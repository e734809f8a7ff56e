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
            assertEquals(9, first.migration().migrationsExecuted);
            List<String> tables = first.dsl().fetch("show tables").getValues(0, String.class);
            assertTrue(tables.containsAll(List.of("profile", "photo", "face", "clustering", "centroid", "face_cluster", "crawl_state",
                    "do_not_collect", "face_removal", "api_key")), tables.toString());
        }
        try (Database again = Database.connect(settings, null)) {
            assertEquals(0, again.migration().migrationsExecuted);
            assertEquals("22", again.schemaVersion());
        }
    }

    /**
     * Issue 16, item 6: a photo's content is stored once. Migration 6 removes the duplicates two writers at once used
     * to leave (keeping the oldest, its faces and their cluster rows) and adds a unique key, so none can be stored again.
     */
    @Test
    void theSameContentCannotBeStoredTwiceAndEarlierDuplicatesAreRemoved() {
        ConnectionSettings settings = TestDatabase.settingsFor("dedup_" + ProcessHandle.current().pid());
        org.flywaydb.core.Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").javaMigrations(new org.facesearch.store.migration.V3__EncodeFaceClusterCodes())
                .target("5").load().migrate();
        byte[] hash = new byte[32];
        hash[0] = 7;
        try (var c = java.sql.DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            var dsl = org.jooq.impl.DSL.using(c, org.jooq.SQLDialect.MYSQL);
            dsl.execute("insert into profile (source, external_id, display_name, status) values ('vk', '1', 'A', 'ok'), ('vk', '2', 'B', 'ok')");
            for (int profile = 1; profile <= 2; profile++) {
                dsl.execute("insert into photo (profile_id, url, content_sha256, status) values (?, 'u', ?, 'ok')", profile, hash);
                dsl.execute("insert into face (photo_id, profile_id, box_x, box_y, box_w, box_h, score, model, vector) "
                        + "values (?, ?, 0, 0, 1, 1, 0.9, 'm', x'00')", profile, profile);
            }
            dsl.execute("insert into clustering (model, k, cap, status) values ('m', 1, 10, 'active')");
            dsl.execute("insert into centroid (clustering_id, cluster_id, vector, size) values (1, 0, x'00', 2)");
            dsl.execute("insert into face_cluster (clustering_id, cluster_id, face_id, code) values (1, 0, 1, x'00'), (1, 0, 2, x'00')");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        try (Database db = Database.connect(settings, null)) {
            assertEquals(List.of(1L), db.dsl().fetch("select id from photo").getValues(0, Long.class), "the oldest copy stays");
            assertEquals(List.of(1L), db.dsl().fetch("select id from face").getValues(0, Long.class));
            assertEquals(1, db.dsl().fetchValue("select size from centroid", Integer.class));
            assertEquals(1, db.dsl().fetchCount(db.dsl().selectFrom("face_cluster")));
            org.jooq.exception.DataAccessException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.jooq.exception.DataAccessException.class,
                    () -> db.dsl().execute("insert into photo (profile_id, url, content_sha256, status) values (2, 'v', ?, 'ok')", hash));
            assertTrue(e.getMessage().contains("Duplicate entry"), e.getMessage());
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
