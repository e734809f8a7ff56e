package org.facesearch.search;

import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.index.IvfIndex;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterScanTest {
    private static final String MODEL = "faceres";
    private static final String OTHER = "mobileface";
    private static final int DIMENSION = 16;
    private static final int FACES = 2_000;

    private static Database database;
    private static DSLContext db;
    private static final List<float[]> vectors = new ArrayList<>();
    private static final List<Long> ids = new ArrayList<>();
    private static final Set<Long> otherIds = new HashSet<>();
    private static int k;
    @TempDir
    static Path cache;

    @BeforeAll
    static void store() {
        database = TestDatabase.fresh();
        db = database.dsl();
        k = AssignedFaces.storeAndRecluster(db, MODEL, FACES, DIMENSION, new SplittableRandom(21), vectors, ids);
        assertTrue(k > 10);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void probingEveryClusterAndReRankingEveryCandidateEqualsExactBruteForce() {
        ClusterScan scan = new ClusterScan(cache, FACES);
        SplittableRandom random = new SplittableRandom(22);
        for (int q = 0; q < 20; q++) {
            float[] query = StoredFaces.randomUnit(random, DIMENSION);
            ScanResult result = scan.search(db, MODEL, query, new SearchParams(10, k)).orElseThrow();
            assertEquals(bruteForce(query, 10), result.neighbors(), "query " + q);
            assertEquals(k, result.clustersRead());
            assertEquals(FACES, result.facesRead());
            // ids and codes (8 + 16 bytes at 16-d: one word of bits, two floats; each list's codes and scalars in
            // whole blocks of 32), then every vector for the re-rank
            long exact = (long) FACES * (8 + 16) + (long) FACES * DIMENSION * 4;
            assertTrue(result.bytesRead() >= exact && result.bytesRead() < exact + (long) k * 31 * 16,
                    result.bytesRead() + " bytes read, " + exact + " without the blocks' padding");
            assertEquals(FACES, result.vectorsRead(), "every candidate re-ranked");
            assertTrue(result.rerankNanos() > 0 && result.rerankNanos() <= result.scanNanos(),
                    "the re-rank is part of the scan: " + result.rerankNanos() + " of " + result.scanNanos() + " ns");
        }
    }

    @Test
    void prepareWritesTheCacheAheadOfTheFirstSearchAndSaysWhetherTheModelHasFaces(@TempDir Path own) throws Exception {
        try (ClusterScan scan = new ClusterScan(own)) {
            assertFalse(scan.prepare(db, "faceres-deep", DIMENSION), "no faces of that model");
            assertFalse(Files.exists(new CodeFiles(own).pathOf("faceres-deep")));
            assertTrue(scan.prepare(db, MODEL, DIMENSION));
            Path file = new CodeFiles(own).pathOf(MODEL);
            assertTrue(Files.exists(file));
            FileTime written = Files.getLastModifiedTime(file);
            float[] query = vectors.get(7);
            assertEquals(ids.get(7), scan.search(db, MODEL, query, new SearchParams(10, k)).orElseThrow().neighbors()
                    .getFirst().id(), "the prepared scan finds a stored face first");
            assertEquals(written, Files.getLastModifiedTime(file), "the search reused the prepared file");
        }
    }

    @Test
    void theCliScanAndTheServersIndexReturnTheSameTopTen() {
        // the same clustering, the same codes (computed by the recluster here, by the loader there), the same
        // number of candidates re-ranked: the same answer, at a partial probe where both are approximate
        IvfIndex index = (IvfIndex) new IndexLoader(db, MODEL, DIMENSION, 500, IndexKind.IVF, 0).load().index();
        ClusterScan scan = new ClusterScan(cache);
        SplittableRandom random = new SplittableRandom(23);
        for (int q = 0; q < 20; q++) {
            float[] query = StoredFaces.randomUnit(random, DIMENSION);
            assertEquals(index.search(MODEL, query, 10, 3), scan.search(db, MODEL, query, new SearchParams(10, 3)).orElseThrow().neighbors(),
                    "query " + q);
        }
    }

    @Test
    void aStoredFaceFindsItselfFirstAndFewerProbesReadOnlyTheirClusters() {
        ClusterScan scan = new ClusterScan(cache);
        for (int i = 0; i < 10; i++) {
            ScanResult result = scan.search(db, MODEL, vectors.get(i * 37), new SearchParams(5, 1)).orElseThrow();
            assertEquals(ids.get(i * 37), result.neighbors().getFirst().id());
            assertEquals(0f, result.neighbors().getFirst().distance(), 1e-6f);
            assertEquals(1, result.clustersRead());
            int cluster = db.select(FACE_CLUSTER.CLUSTER_ID).from(FACE_CLUSTER)
                    .where(FACE_CLUSTER.CLUSTERING_ID.eq(result.clusteringId()), FACE_CLUSTER.FACE_ID.eq(ids.get(i * 37)))
                    .fetchSingle(FACE_CLUSTER.CLUSTER_ID);
            assertEquals(db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.CLUSTERING_ID.eq(result.clusteringId())
                    .and(FACE_CLUSTER.CLUSTER_ID.eq(cluster))), result.facesRead());
        }
    }

    @Test
    void facesOfAnotherModelAreNeverReturnedEvenWhenIdentical() {
        // copies of model A's vectors stored under model B: if B were compared they would tie at distance 0
        ClusterAssignment assignment = new ClusterAssignment(1_000_000);
        db.transaction(c -> {
            for (int i = 0; i < 50; i++) {
                long id = StoredFaces.insert(c.dsl(), OTHER, vectors.get(i));
                assignment.assignNewFace(c.dsl(), OTHER, id, vectors.get(i));
                otherIds.add(id);
            }
        });
        ClusterScan scan = new ClusterScan(cache);
        for (int i = 0; i < 50; i++) {
            List<Neighbor> found = scan.search(db, MODEL, vectors.get(i), new SearchParams(10, k)).orElseThrow().neighbors();
            assertEquals(ids.get(i), found.getFirst().id());
            assertFalse(found.stream().anyMatch(n -> otherIds.contains(n.id())), "a face of another model was returned");
            List<Neighbor> other = scan.search(db, OTHER, vectors.get(i), new SearchParams(10, 100)).orElseThrow().neighbors();
            assertTrue(other.stream().allMatch(n -> otherIds.contains(n.id())));
        }
    }

    @Test
    void aModelWithoutFacesHasNoResult() {
        assertTrue(new ClusterScan(cache).search(db, "nobody", new float[DIMENSION], new SearchParams(10, 8)).isEmpty());
    }

    @Test
    void matchesCarryNamesLinksAndPhotoUrls() {
        long vk = db.transactionResult(c -> StoredFaces.insert(c.dsl(), "x", vectors.get(0), "vk", "12345", "Ivan Petrov",
                null, "https://sun9-1.userapi.com/photo.jpg"));
        long gallery = db.transactionResult(c -> StoredFaces.insert(c.dsl(), "x", vectors.get(1), "gallery", "Ada_Lovelace",
                "Ada Lovelace", null, "file:///photos/Ada_Lovelace/1.jpg"));
        List<FaceMatch> matches = FaceMatches.describe(db, List.of(new Neighbor(gallery, 0.5f), new Neighbor(vk, 1.0f)));
        assertEquals(new FaceMatch(1, gallery, Math.sqrt(0.5), 0.75, "Ada Lovelace", "gallery:Ada_Lovelace",
                "file:///photos/Ada_Lovelace/1.jpg"), matches.get(0));
        assertEquals(new FaceMatch(2, vk, 1.0, 0.5, "Ivan Petrov", "https://vk.com/id12345",
                "https://sun9-1.userapi.com/photo.jpg"), matches.get(1));
    }

    private static List<Neighbor> bruteForce(float[] query, int top) {
        TopK best = new TopK(top);
        for (int i = 0; i < vectors.size(); i++) {
            best.offer(ids.get(i), VectorMath.squaredL2(query, 0, vectors.get(i), 0, DIMENSION));
        }
        return best.sorted();
    }
}
