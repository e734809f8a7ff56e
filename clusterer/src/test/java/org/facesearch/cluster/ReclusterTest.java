package org.facesearch.cluster;

import org.facesearch.testing.StoredFaces;
import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.CLUSTERING;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.store.Database;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.testing.TestDatabase;
import org.facesearch.index.CandidateScan;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.clusters.ReclusterBusyException;

class ReclusterTest {
    private static final String MODEL = "faceres";
    private static final int CAP = 500;
    private static final int DIMENSION = 16;

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
    void passingTheCapTriggersAReclusterAfterWhichEveryClusterIsUnderIt() {
        Recluster recluster = new Recluster(db, options(), ReclusterProgress.NONE);
        ReclusterPolicy policy = new ReclusterPolicy(db, CAP, recluster);
        ClusterAssignment assignment = new ClusterAssignment(CAP);
        Blobs blobs = new Blobs(6, DIMENSION, 11);
        int reclusters = 0;
        for (int batch = 0; batch < 40; batch++) {
            storeBatch(assignment, blobs, 50);
            boolean ran = policy.afterBatch(MODEL);
            if (batch <= 10) {
                // one cluster until then: it passes the cap of 500 with the 11th batch of 50, not before
                assertEquals(batch == 10, ran, "batch " + batch);
            }
            if (ran) {
                reclusters++;
                assertActiveVersionIsCompleteAndExact();
            }
            assertFalse(policy.overCap(MODEL), "a cluster is over the cap after batch " + batch);
        }
        assertTrue(reclusters >= 1, "the cap was passed but no recluster ran");
        assertEquals(1, db.fetchCount(CLUSTERING), "retired versions are deleted");
        assertActiveVersionIsCompleteAndExact();
        for (int size : Clusterings.sizes(db, active().id())) {
            assertTrue(size <= CAP, "cluster of " + size);
        }
    }

    @Test
    void kGrowsFromThePreviousVersionAndTheDataSize() {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        Blobs blobs = new Blobs(4, DIMENSION, 12);
        storeBatch(assignment, blobs, 1_200);
        Recluster recluster = new Recluster(db, options(), ReclusterProgress.NONE);
        ReclusterPlan plan = recluster.plan(MODEL);
        assertEquals(1_200, plan.faces());
        assertEquals(5, plan.k(), "ceil(1200 / (500 * 0.5))");
        ReclusterReport first = recluster.recluster(MODEL);
        assertTrue(first.sizes().k() >= 5);
        assertEquals(first.sizes().k() + 1, recluster.plan(MODEL).k(), "at least the previous k + 1");
        assertEquals(3, new Recluster(db, options().withK(3), ReclusterProgress.NONE).plan(MODEL).k());
    }

    @Test
    void anInterruptedReclusterLeavesTheActiveVersionIntactAndTheNextRunSucceeds() {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        storeBatch(assignment, new Blobs(5, DIMENSION, 13), 1_000);
        ClusteringVersion before = active();
        Map<Long, Integer> assignmentsBefore = assignmentsOf(before.id());

        Recluster failing = new Recluster(db, options().withPageSize(100), ReclusterProgress.NONE);
        failing.afterPageWritten(pages -> {
            if (pages == 3) {
                throw new IllegalStateException("killed while writing");
            }
        });
        assertThrows(IllegalStateException.class, () -> failing.recluster(MODEL));
        assertEquals(before, active(), "the old version is still the active one");
        assertEquals(assignmentsBefore, assignmentsOf(before.id()), "and complete");
        assertEquals(1, db.fetchCount(CLUSTERING, CLUSTERING.STATUS.eq(ClusteringVersion.BUILDING)));

        ReclusterReport report = new Recluster(db, options(), ReclusterProgress.NONE).recluster(MODEL);
        assertEquals(before.id(), report.previousVersion());
        assertEquals(report.version(), active().id());
        assertEquals(1, db.fetchCount(CLUSTERING), "the half-built and the retired version are gone");
        assertActiveVersionIsCompleteAndExact();
    }

    @Test
    void facesStoredDuringAReclusterAreAssignedInTheNewVersion() {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        Blobs blobs = new Blobs(5, DIMENSION, 14);
        storeBatch(assignment, blobs, 1_000);
        Recluster recluster = new Recluster(db, options().withPageSize(100), ReclusterProgress.NONE);
        // faces stored (into the old version) while the last page is written: the stream has already read past them
        recluster.afterPageWritten(pages -> {
            if (pages == 10) {
                storeBatch(assignment, blobs, 37);
            }
        });
        ReclusterReport report = recluster.recluster(MODEL);
        assertEquals(1_037, db.fetchCount(FACE));
        assertEquals(1_037, report.faces() + report.caughtUp());
        assertActiveVersionIsCompleteAndExact();
    }

    @Test
    void facesForgottenDuringAReclusterAreInNoVersionAndNotCounted() {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        storeBatch(assignment, new Blobs(5, DIMENSION, 21), 1_000);
        List<Long> profiles = db.select(PROFILE.ID).from(PROFILE).orderBy(PROFILE.ID).fetch(PROFILE.ID);
        // one face already written into the building version (page 1), one most likely read ahead but not yet
        // written (page 3: the reader fetches it while page 2 is written), one not yet read (page 10)
        List<Long> forgotten = List.of(profiles.get(5), profiles.get(250), profiles.get(950));
        Recluster recluster = new Recluster(db, options().withPageSize(100), ReclusterProgress.NONE);
        recluster.afterPageWritten(pages -> {
            if (pages == 2) {
                assertEquals(3, ProfileEraser.erase(db, forgotten).faces());
            }
        });
        recluster.recluster(MODEL);
        assertEquals(997, db.fetchCount(FACE));
        assertEquals(0, db.fetchCount(FACE, FACE.PROFILE_ID.in(forgotten)));
        assertActiveVersionIsCompleteAndExact();  // every remaining face once, and the sizes equal the rows
    }

    @Test
    void aSecondConcurrentReclusterIsRefusedCleanly() throws Exception {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        storeBatch(assignment, new Blobs(5, DIMENSION, 15), 600);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recluster first = new Recluster(db, options().withPageSize(100), ReclusterProgress.NONE);
        first.afterPageWritten(pages -> {
            if (pages == 1) {
                writing.countDown();
                await(release);
            }
        });
        CompletableFuture<ReclusterReport> running = CompletableFuture.supplyAsync(() -> first.recluster(MODEL));
        assertTrue(writing.await(60, TimeUnit.SECONDS));
        Recluster second = new Recluster(db, options(), ReclusterProgress.NONE);
        ReclusterBusyException refused = assertThrows(ReclusterBusyException.class, () -> second.recluster(MODEL));
        assertTrue(refused.getMessage().contains("another recluster is running"));
        assertFalse(new ReclusterPolicy(db, 100, second).afterBatch(MODEL), "the policy skips, it does not fail");
        release.countDown();
        ReclusterReport report = running.get(60, TimeUnit.SECONDS);
        assertEquals(report.version(), active().id());
        assertActiveVersionIsCompleteAndExact();
        // the lock was released: the next recluster runs
        assertNotEquals(report.version(), second.recluster(MODEL).version());
    }

    @Test
    void aWriterStoringFacesThroughoutAReclusterLosesNone() throws Exception {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        Blobs blobs = new Blobs(5, DIMENSION, 18);
        storeBatch(assignment, blobs, 1_500);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger stored = new AtomicInteger(1_500);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Blobs own = new Blobs(5, DIMENSION, 19);
            while (!stop.get()) {
                try {
                    storeBatch(assignment, own, 10);
                    stored.addAndGet(10);
                } catch (DataAccessException e) {
                    if (!"40001".equals(e.sqlState())) {
                        throw e;
                    }
                    // a deadlock victim rolls back: the storage path retries the batch
                }
            }
        });
        ReclusterReport report = new Recluster(db, options().withPageSize(100), ReclusterProgress.NONE).recluster(MODEL);
        stop.set(true);
        writer.get(60, TimeUnit.SECONDS);
        assertEquals(stored.get(), db.fetchCount(FACE, FACE.MODEL.eq(MODEL)));
        assertEquals(1, db.fetchCount(CLUSTERING, CLUSTERING.MODEL.eq(MODEL)), "one version: the new one, active");
        assertEquals(report.version(), active().id());
        assertActiveVersionIsCompleteAndExact();
    }

    @Test
    void anEmptyDatabaseHasNothingToRecluster() {
        ReclusterReport report = new Recluster(db, options(), ReclusterProgress.NONE).recluster(MODEL);
        assertEquals(0, report.version());
        assertEquals(0, report.faces());
        assertEquals(0, db.fetchCount(CLUSTERING));
    }

    @Test
    void facesOfAnotherModelAreNeitherSampledNorAssigned() {
        ClusterAssignment assignment = new ClusterAssignment(100_000);
        storeBatch(assignment, new Blobs(3, DIMENSION, 16), 700);
        Blobs other = new Blobs(3, 8, 17);
        db.transaction(c -> {
            for (int i = 0; i < 300; i++) {
                float[] v = other.next();
                assignment.assignNewFace(c.dsl(), "mobileface", StoredFaces.insert(c.dsl(), "mobileface", v), v);
            }
        });
        long otherVersion = Clusterings.active(db, "mobileface").orElseThrow().id();
        ReclusterReport report = new Recluster(db, options(), ReclusterProgress.NONE).recluster(MODEL);
        assertEquals(700, report.faces());
        assertEquals(700, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.CLUSTERING_ID.eq(report.version())));
        assertEquals(300, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.CLUSTERING_ID.eq(otherVersion)));
        assertEquals(otherVersion, Clusterings.active(db, "mobileface").orElseThrow().id());
    }

    private static ReclusterOptions options() {
        return ReclusterOptions.defaults(CAP, 0.5);
    }

    private void storeBatch(ClusterAssignment assignment, Blobs blobs, int count) {
        db.transaction(c -> {
            for (int i = 0; i < count; i++) {
                float[] v = blobs.next();
                assignment.assignNewFace(c.dsl(), MODEL, StoredFaces.insert(c.dsl(), MODEL, v), v);
            }
        });
    }

    private ClusteringVersion active() {
        return Clusterings.active(db, MODEL).orElseThrow();
    }

    private Map<Long, Integer> assignmentsOf(long version) {
        Map<Long, Integer> map = new HashMap<>();
        db.select(FACE_CLUSTER.FACE_ID, FACE_CLUSTER.CLUSTER_ID).from(FACE_CLUSTER)
                .where(FACE_CLUSTER.CLUSTERING_ID.eq(version))
                .forEach(r -> map.put(r.value1(), r.value2()));
        return map;
    }

    /**
     * Every face of the model has exactly one row in the active version, in the cluster of its nearest centroid
     * (computed here by brute force in double precision), with an exact copy of its vector; sizes match the rows.
     */
    private void assertActiveVersionIsCompleteAndExact() {
        ClusteringVersion version = active();
        float[][] centroids = db.select(CENTROID.VECTOR).from(CENTROID)
                .where(CENTROID.CLUSTERING_ID.eq(version.id())).orderBy(CENTROID.CLUSTER_ID)
                .fetch(CENTROID.VECTOR).stream().map(VectorCodec::decode).toArray(float[][]::new);
        assertEquals(version.k(), centroids.length);
        Map<Long, byte[]> faces = new HashMap<>();
        db.select(FACE.ID, FACE.VECTOR).from(FACE).where(FACE.MODEL.eq(MODEL)).forEach(r -> faces.put(r.value1(), r.value2()));
        float[] centroidData = new float[centroids.length * centroids[0].length];
        for (int c = 0; c < centroids.length; c++) {
            System.arraycopy(centroids[c], 0, centroidData, c * centroids[0].length, centroids[0].length);
        }
        CandidateScan codes = new CandidateScan(new Centroids(centroidData, centroids.length, centroids[0].length));
        int[] counted = new int[version.k()];
        int rows = 0;
        for (Record3<Long, Integer, byte[]> row : db.select(FACE_CLUSTER.FACE_ID, FACE_CLUSTER.CLUSTER_ID, FACE_CLUSTER.CODE)
                .from(FACE_CLUSTER).where(FACE_CLUSTER.CLUSTERING_ID.eq(version.id())).fetch()) {
            rows++;
            float[] v = VectorCodec.decode(faces.get(row.value1()));
            assertArrayEquals(codes.codeBytes(v, 0, row.value2()), row.value3(), "code of face " + row.value1());
            double best = Double.POSITIVE_INFINITY;
            for (float[] centroid : centroids) {
                best = Math.min(best, distance(v, centroid));
            }
            assertEquals(best, distance(v, centroids[row.value2()]), 1e-5,
                    "face " + row.value1() + " is not in the cluster of its nearest centroid");
            counted[row.value2()]++;
        }
        assertEquals(faces.size(), rows, "every face has exactly one row (the unique key forbids more)");
        assertArrayEquals(counted, Clusterings.sizes(db, version.id()), "centroid sizes");
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
