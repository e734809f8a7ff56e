package org.facesearch.store.migration;

import static org.facesearch.store.schema.Tables.FACE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Version 21 compresses the pages of a populated database's big tables (on MariaDB; nothing elsewhere): every vector
 * reads back bit-exact, and a run after a kill (some tables compressed already) compresses only the rest. (Version 22
 * turns it off again for {@code face}: {@code PackFaceVectorsMigrationTest}.)
 */
class PageCompressionMigrationTest {
    private static final int FACES = 40;

    @Test
    void aPopulatedDatabaseIsCompressedWithItsVectorsBitExactAndARerunSkipsWhatIsDone() throws Exception {
        ConnectionSettings settings = TestDatabase.settingsFor("v21_pages_" + ProcessHandle.current().pid());
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").javaMigrations(new V3__EncodeFaceClusterCodes()).target("20").load().migrate();
        SplittableRandom random = new SplittableRandom(21);
        Map<Long, byte[]> vectors = new HashMap<>();
        boolean supported;
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            DSLContext v20 = DSL.using(connection, SQLDialect.MYSQL);
            for (int i = 0; i < FACES; i++) {
                float[] v = StoredFaces.randomUnit(random, 1024);
                vectors.put(StoredFaces.insert(v20, "faceres", v), VectorCodec.encode(v));
            }
            supported = V21__CompressPages.supported(connection);
            // as if a run had been killed after its first table: that table is skipped, the others are compressed
            if (supported) {
                v20.execute("alter table face page_compressed = 1, algorithm = copy");
            }
            assertEquals(supported ? List.of("face_cluster", "photo", "profile") : List.of(),
                    V21__CompressPages.compress(connection));
        }
        try (Database db = Database.connect(settings, null)) {
            assertEquals("22", db.schemaVersion());
            DSLContext dsl = db.dsl();
            assertEquals(FACES, dsl.fetchCount(FACE));
            dsl.select(FACE.ID, FACE.VECTOR).from(FACE).forEach(r -> assertArrayEquals(vectors.get(r.value1()), r.value2()));
            try (Connection connection = db.dataSource().getConnection()) {
                for (String table : V21__CompressPages.TABLES) {
                    // version 22 turns it off again for face
                    assertEquals(supported && !table.equals("face"), V21__CompressPages.compressed(connection, table), table);
                }
            }
        }
    }
}
