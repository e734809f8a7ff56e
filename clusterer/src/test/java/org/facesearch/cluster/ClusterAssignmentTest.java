package org.facesearch.cluster;

import org.facesearch.testing.StoredFaces;
import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.CLUSTERING;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.store.Database;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.facesearch.store.clusters.ClusteringVersion;

class ClusterAssignmentTest {
    private Database database;
    private DSLContext db;

    @BeforeEach
    void open() {
        database = TestDatabase.fresh();
        db = database.dsl();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void firstFaceOfAModelCreatesTheInitialActiveClustering() {
        ClusterAssignment assignment = new ClusterAssignment(3);
        float[] v = StoredFaces.randomUnit(new SplittableRandom(1), 16);
        Assignment a = db.transactionResult(c -> {
            long face = StoredFaces.insert(c.dsl(), "faceres", v);
            return assignment.assignNewFace(c.dsl(), "faceres", face, v);
        });
        assertEquals(0, a.clusterId());
        assertEquals(1, a.clusterSize());
        assertFalse(a.overCap());
        var clustering = db.selectFrom(CLUSTERING).fetchSingle();
        assertEquals("faceres", clustering.getModel());
        assertEquals(1, clustering.getK());
        assertEquals(ClusteringVersion.ACTIVE, clustering.getStatus());
        var centroid = db.selectFrom(CENTROID).fetchSingle();
        assertArrayEquals(v, VectorCodec.decode(centroid.getVector()));
        assertEquals(1, centroid.getSize());
        // the face is its own centroid: a zero residual, all sign bits clear, norm 0, factor 1 (16-d: one word)
        byte[] code = db.selectFrom(FACE_CLUSTER).fetchSingle().getCode();
        assertArrayEquals(new byte[8], Arrays.copyOf(code, 8));
        assertEquals(0f, ByteBuffer.wrap(code, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
        assertEquals(1f, ByteBuffer.wrap(code, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    }

    @Test
    void facesGoToTheNearestCentroidAndSizesCountThemUntilTheCap() {
        // a two-cluster active version: centroids along axis 0 and axis 1
        long id = db.insertInto(CLUSTERING).set(CLUSTERING.MODEL, "faceres").set(CLUSTERING.K, 2)
                .set(CLUSTERING.CAP, 3).set(CLUSTERING.STATUS, ClusteringVersion.ACTIVE)
                .returningResult(CLUSTERING.ID).fetchSingle(CLUSTERING.ID);
        for (int c = 0; c < 2; c++) {
            float[] centre = new float[4];
            centre[c] = 1;
            db.insertInto(CENTROID).set(CENTROID.CLUSTERING_ID, id).set(CENTROID.CLUSTER_ID, c)
                    .set(CENTROID.VECTOR, VectorCodec.encode(centre)).set(CENTROID.SIZE, 0).execute();
        }
        ClusterAssignment assignment = new ClusterAssignment(3);
        float[] nearOne = VectorCodec.normalize(new float[] {0.2f, 0.9f, 0.1f, 0});
        float[] nearZero = VectorCodec.normalize(new float[] {0.8f, 0.3f, 0, 0.1f});
        Assignment last = null;
        for (int i = 0; i < 4; i++) {
            last = store(assignment, "faceres", nearOne);
            assertEquals(id, last.clusteringId());
            assertEquals(1, last.clusterId());
            assertEquals(i + 1, last.clusterSize());
            assertEquals(i + 1 > 3, last.overCap());
        }
        Assignment zero = store(assignment, "faceres", nearZero);
        assertEquals(0, zero.clusterId());
        assertFalse(zero.overCap());
        assertEquals(4, db.selectCount().from(FACE_CLUSTER).where(FACE_CLUSTER.CLUSTER_ID.eq(1)).fetchOne(0, int.class));
        assertEquals(4, db.select(CENTROID.SIZE).from(CENTROID).where(CENTROID.CLUSTER_ID.eq(1)).fetchOne(0, int.class));
        assertTrue(last.overCap());
    }

    @Test
    void modelsGetSeparateClusteringsAndMismatchedDimensionsAreRefused() {
        ClusterAssignment assignment = new ClusterAssignment(100);
        SplittableRandom random = new SplittableRandom(2);
        Assignment a = store(assignment, "faceres", StoredFaces.randomUnit(random, 8));
        Assignment b = store(assignment, "mobileface", StoredFaces.randomUnit(random, 4));
        assertTrue(a.clusteringId() != b.clusteringId());
        assertEquals(2, store(assignment, "faceres", StoredFaces.randomUnit(random, 8)).clusterSize());
        assertThrows(IllegalArgumentException.class, () -> store(assignment, "faceres", StoredFaces.randomUnit(random, 4)));
        assertEquals(3, db.fetchCount(FACE_CLUSTER));
    }

    @Test
    void rollingBackTheCallersTransactionLeavesNoTrace() {
        ClusterAssignment assignment = new ClusterAssignment(100);
        float[] v = StoredFaces.randomUnit(new SplittableRandom(3), 8);
        assertThrows(IllegalStateException.class, () -> db.transaction(c -> {
            long face = StoredFaces.insert(c.dsl(), "faceres", v);
            assignment.assignNewFace(c.dsl(), "faceres", face, v);
            assignment.assignNewFace(c.dsl(), "faceres", StoredFaces.insert(c.dsl(), "faceres", v), v);
            throw new IllegalStateException("storage failed");
        }));
        assertEquals(0, db.fetchCount(CLUSTERING));
        assertEquals(0, db.fetchCount(FACE_CLUSTER));
        // and the next face starts cleanly despite the cached (rolled back) version
        assertEquals(1, store(assignment, "faceres", v).clusterSize());
    }

    private Assignment store(ClusterAssignment assignment, String model, float[] v) {
        return db.transactionResult(c -> assignment.assignNewFace(c.dsl(), model, StoredFaces.insert(c.dsl(), model, v), v));
    }
}
