package org.facesearch.store.migration;

import static org.facesearch.store.schema.Tables.FACE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
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
 * Version 22 re-encodes a populated version-21 database's float32 vectors sparse where that is shorter: nothing is
 * lost (counts, every vector bit-exact), a run stopped after some batches resumes where the rest are still float32,
 * vectors without zeros stay float32, and {@code face} ends without page compression.
 */
class PackFaceVectorsMigrationTest {
    private static final int FACES = 60;
    private static final int DIMENSION = 1024;

    @Test
    void aPopulatedVersion21DatabaseIsPackedBitExactAndAStoppedRunResumes() throws Exception {
        ConnectionSettings settings = version21("v22_pack_");
        Map<Long, float[]> vectors = new HashMap<>();
        try (Connection connection = connect(settings)) {
            DSLContext v21 = DSL.using(connection, SQLDialect.MYSQL);
            // two faces in three are like faceres' output; the third has no zeros
            storeFloat32(v21, new SplittableRandom(22), FACES, i -> i % 3 != 0, vectors);
            // as if killed after two batches of 8: 16 faces seen, the ReLU ones among them rewritten
            long packed = V22__PackFaceVectors.pack(connection, 8, 2);
            assertEquals(10, packed, "faces 1, 2, 4, 5, 7, 8, 10, 11, 13, 14 of the first 16");
            assertStored(v21, vectors, 10);
        }
        try (Database db = Database.connect(settings, null)) {
            assertEquals("22", db.schemaVersion());
            assertStored(db.dsl(), vectors, 40);
            try (Connection connection = db.dataSource().getConnection()) {
                assertFalse(V21__CompressPages.compressed(connection, "face"));
                assertEquals(0, V22__PackFaceVectors.pack(connection, 8, Long.MAX_VALUE), "nothing left to pack");
            }
        }
    }

    @Test
    void aRunThatStoppedWithAnErrorIsResumedAtTheNextStartInsteadOfBlockingIt() throws Exception {
        ConnectionSettings settings = version21("v22_failed_");
        Map<Long, float[]> vectors = new HashMap<>();
        try (Connection connection = connect(settings)) {
            DSLContext v21 = DSL.using(connection, SQLDialect.MYSQL);
            storeFloat32(v21, new SplittableRandom(23), 4, i -> true, vectors);
            V22__PackFaceVectors.pack(connection, 2, 1);   // half of them, then it "threw": Flyway records it failed
            v21.execute("insert into flyway_schema_history (installed_rank, version, description, type, script, installed_by,"
                    + " execution_time, success) select max(installed_rank) + 1, '22', 'PackFaceVectors', 'JDBC',"
                    + " 'org.facesearch.store.migration.V22__PackFaceVectors', 'test', 1, 0 from flyway_schema_history");
        }
        try (Database db = Database.connect(settings, null)) {
            assertEquals("22", db.schemaVersion());
            assertStored(db.dsl(), vectors, 4);
        }
    }

    /** A new database of this test's, migrated to version 21 (float32 vectors, {@code face} page-compressed). */
    private static ConnectionSettings version21(String prefix) {
        ConnectionSettings settings = TestDatabase.settingsFor(prefix + ProcessHandle.current().pid());
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").javaMigrations(new V3__EncodeFaceClusterCodes(), new V21__CompressPages())
                .target("21").load().migrate();
        return settings;
    }

    private static Connection connect(ConnectionSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    /** Stores {@code n} faces as version 21 did (float32 BLOBs), face {@code i} with zeros where {@code relu}. */
    private static void storeFloat32(DSLContext v21, SplittableRandom random, int n, IntPredicate relu, Map<Long, float[]> vectors) {
        for (int i = 0; i < n; i++) {
            float[] v = relu.test(i) ? StoredFaces.randomRelu(random, DIMENSION) : StoredFaces.randomUnit(random, DIMENSION);
            long id = StoredFaces.insert(v21, "faceres", v);
            v21.update(FACE).set(FACE.VECTOR, VectorCodec.float32(v)).where(FACE.ID.eq(id)).execute();
            vectors.put(id, v);
        }
    }

    /** Every face is stored, reads back bit-exact, and {@code sparse} of them are in the sparse encoding. */
    private static void assertStored(DSLContext db, Map<Long, float[]> vectors, int sparse) {
        assertEquals(vectors.size(), db.fetchCount(FACE));
        int seen = 0;
        for (var row : db.select(FACE.ID, FACE.VECTOR).from(FACE).fetch()) {
            float[] expected = vectors.get(row.value1());
            float[] stored = VectorCodec.decode(row.value2());
            for (int d = 0; d < DIMENSION; d++) {
                assertEquals(Float.floatToRawIntBits(expected[d]), Float.floatToRawIntBits(stored[d]), "face " + row.value1() + " component " + d);
            }
            seen += row.value2().length % Float.BYTES == 0 ? 0 : 1;
        }
        assertEquals(sparse, seen, "sparse vectors");
    }
}
