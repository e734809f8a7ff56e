package org.facesearch.store.migration;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.facesearch.index.CandidateScan;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A version-1 database (float32 copies in {@code face_cluster}) converted to codes: nothing lost, every code
 * what the clustering's encoder computes, and a conversion stopped after some committed batches resumes.
 */
class FaceClusterCodesMigrationTest {
    private static final int DIMENSION = 16;
    private static final int FACES = 300;
    private static final int K = 4;

    @Test
    void aPopulatedVersion1DatabaseIsConvertedBitExactAndAStoppedConversionResumes() throws Exception {
        ConnectionSettings settings = TestDatabase.settingsFor("v1_codes_" + ProcessHandle.current().pid());
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("1").load().migrate();
        SplittableRandom random = new SplittableRandom(5);
        float[] centroidData = new float[K * DIMENSION];
        for (int c = 0; c < K; c++) {
            System.arraycopy(StoredFaces.randomUnit(random, DIMENSION), 0, centroidData, c * DIMENSION, DIMENSION);
        }
        Centroids centroids = new Centroids(centroidData, K, DIMENSION);
        Map<Long, byte[]> vectors = new HashMap<>();
        Map<Long, Integer> clusterOf = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            DSLContext v1 = DSL.using(connection, SQLDialect.MYSQL);
            v1.execute("insert into clustering (id, model, k, cap, status) values (7, 'faceres', ?, 1000, 'active')", K);
            for (int c = 0; c < K; c++) {
                v1.execute("insert into centroid (clustering_id, cluster_id, vector, size) values (7, ?, ?, 0)", c,
                        VectorCodec.encode(centroids.centroid(c)));
            }
            for (int i = 0; i < FACES; i++) {
                float[] v = StoredFaces.randomUnit(random, DIMENSION);
                long id = StoredFaces.insert(v1, "faceres", v);
                int cluster = centroids.assign(v, 0);
                v1.execute("insert into face_cluster (clustering_id, cluster_id, face_id, vector) values (7, ?, ?, ?)",
                        cluster, id, VectorCodec.encode(v));
                vectors.put(id, VectorCodec.encode(v));
                clusterOf.put(id, cluster);
            }
            // version 2 adds the column; the conversion then stops after two committed batches of 50, as a kill would
            Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                    .locations("classpath:db/migration").target("2").load().migrate();
            assertEquals(100, V3__EncodeFaceClusterCodes.encode(connection, 50, 2));
            assertEquals(FACES - 100, v1.fetchCount(DSL.table("face_cluster"), DSL.field("code").isNull()));
        }
        try (Database db = Database.connect(settings, null)) {
            DSLContext dsl = db.dsl();
            assertEquals(FACES, dsl.fetchCount(FACE));
            assertEquals(FACES, dsl.fetchCount(FACE_CLUSTER));
            dsl.select(FACE.ID, FACE.VECTOR).from(FACE).forEach(r -> assertArrayEquals(vectors.get(r.value1()), r.value2()));
            CandidateScan codes = new CandidateScan(centroids);
            dsl.selectFrom(FACE_CLUSTER).forEach(row -> {
                assertEquals(clusterOf.get(row.getFaceId()), row.getClusterId());
                assertArrayEquals(codes.codeBytes(VectorCodec.decode(vectors.get(row.getFaceId())), 0, row.getClusterId()),
                        row.getCode(), "code of face " + row.getFaceId());
            });
        }
    }
}
