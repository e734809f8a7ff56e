package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.facesearch.vector.Neighbor;
import org.junit.jupiter.api.Test;

class IvfIndexTest {
    private static final TestFaces FACES = new TestFaces(64, 3_000, 16, 50);

    @Test
    void probingAllClustersEqualsExactBruteForce() {
        IvfIndex flat = FACES.index().withCandidates(IvfIndex.EXACT);
        IvfIndex everyFaceACandidate = FACES.index().withCandidates(FACES.count);
        assertEquals(3_000, flat.size());
        for (int q = 0; q < FACES.queryCount; q++) {
            float[] query = FACES.query(q);
            assertEquals(FACES.bruteForce(query, 10, 0), flat.search(TestFaces.MODEL, query, 10, 16), "query " + q);
            assertEquals(FACES.bruteForce(query, 10, 0), everyFaceACandidate.search(TestFaces.MODEL, query, 10, 16),
                    "query " + q);
        }
    }

    @Test
    void aFewHundredCandidatesFromTheCodesHoldTheTrueNeighbours() {
        IvfIndex index = FACES.index().withCandidates(300);
        int found = 0;
        for (int q = 0; q < FACES.queryCount; q++) {
            float[] query = FACES.query(q);
            List<Neighbor> exact = FACES.bruteForce(query, 10, 0);
            List<Neighbor> result = index.search(TestFaces.MODEL, query, 10, 16);
            assertEquals(10, result.size());
            found += (int) result.stream().filter(exact::contains).count();
        }
        double recall = found / (10.0 * FACES.queryCount);
        assertTrue(recall >= 0.95, "recall@10 with 300 of 3,000 faces re-ranked: " + recall);
        IvfIndex tooFew = FACES.index().withCandidates(10);
        int foundWithTen = 0;
        for (int q = 0; q < FACES.queryCount; q++) {
            float[] query = FACES.query(q);
            List<Neighbor> exact = FACES.bruteForce(query, 10, 0);
            foundWithTen += (int) tooFew.search(TestFaces.MODEL, query, 10, 16).stream().filter(exact::contains).count();
        }
        assertTrue(foundWithTen < found, "re-ranking only 10 candidates must lose neighbours (the codes are coarse)");
    }

    @Test
    void appendingFacesEqualsBuildingWithThem() {
        IvfIndex empty = IvfIndex.build(TestFaces.MODEL, FACES.centroids, new long[0], new float[0], 0, new int[0]);
        IvfIndex appended = empty.withFaces(FACES.ids, FACES.vectors, FACES.count);
        IvfIndex built = FACES.index();
        assertEquals(0, empty.size());
        for (int c = 0; c < built.clusters(); c++) {
            assertEquals(built.clusterSize(c), appended.clusterSize(c), "cluster " + c);
        }
        for (int q = 0; q < 10; q++) {
            float[] query = FACES.query(q);
            assertEquals(built.search(TestFaces.MODEL, query, 10, 3), appended.search(TestFaces.MODEL, query, 10, 3));
        }
    }

    @Test
    void aCandidateWhoseVectorIsGoneIsSkipped() {
        // the server's vectors live in the database: a face forgotten after the snapshot was made has none left
        float[] query = FACES.query(3);
        List<Neighbor> exact = FACES.bruteForce(query, 12, 0);
        java.util.Set<Long> gone = java.util.Set.of(exact.get(0).id(), exact.get(1).id());
        InMemoryVectors all = new InMemoryVectors(FACES.ids, FACES.vectors, FACES.count, FACES.dimension);
        RerankVectors withoutGone = (ids, dimension, target) -> {
            boolean[] found = all.read(ids, dimension, target);
            for (int i = 0; i < ids.length; i++) {
                found[i] &= !gone.contains(ids[i]);
            }
            return found;
        };
        IvfIndex index = IvfIndex.build(TestFaces.MODEL, FACES.centroids, FACES.ids, FACES.vectors, FACES.count,
                FACES.centroids.assignAll(FACES.vectors, FACES.count), withoutGone).withCandidates(FACES.count);
        assertEquals(exact.subList(2, 12), index.search(TestFaces.MODEL, query, 10, 16));
    }

    @Test
    void fewerProbesReturnKSortedNeighboursFromTheProbedClusters() {
        IvfIndex index = FACES.index();
        float[] query = FACES.query(0);
        int[] probed = index.centroids().probe(query, 2);
        List<Neighbor> result = index.search(TestFaces.MODEL, query, 10, 2);
        assertEquals(10, result.size());
        for (int i = 1; i < result.size(); i++) {
            assertTrue(result.get(i - 1).distance() <= result.get(i).distance());
        }
        for (Neighbor n : result) {
            int cluster = index.centroids().assign(FACES.vectors, (int) n.id() * FACES.dimension);
            assertTrue(cluster == probed[0] || cluster == probed[1], "face " + n.id() + " from unprobed cluster");
        }
    }

    @Test
    void anotherModelsVectorsAreNeverCompared() {
        LiveIndex live = new LiveIndex(FACES.index());
        float[] query = FACES.query(0);
        assertThrows(IllegalArgumentException.class, () -> live.search("mobileface", query, 10, 4));
        assertThrows(IllegalArgumentException.class, () -> live.search(TestFaces.MODEL, new float[32], 10, 4));
        assertThrows(IllegalArgumentException.class, () -> live.add("mobileface", 99_999, query));
        assertEquals(3_000, live.current().size());
    }

    @Test
    void appendedFacesAreVisibleToNewQueriesOnly() {
        LiveIndex live = new LiveIndex(FACES.index());
        IvfIndex before = (IvfIndex) live.current();
        float[] query = FACES.query(1);
        for (int i = 0; i < 40; i++) {
            // many appends to the same cluster: exercises growth and array sharing between snapshots
            live.add(TestFaces.MODEL, 10_000 + i, query);
        }
        List<Neighbor> after = live.search(TestFaces.MODEL, query, 5, 1);
        assertEquals(List.of(new Neighbor(10_000, 0f), new Neighbor(10_001, 0f), new Neighbor(10_002, 0f),
                new Neighbor(10_003, 0f), new Neighbor(10_004, 0f)), after);
        assertEquals(3_040, live.current().size());
        assertEquals(3_000, before.size());
        assertEquals(FACES.bruteForce(query, 10, 0), before.withCandidates(IvfIndex.EXACT).search(TestFaces.MODEL, query, 10, 16));
    }

    @Test
    void removedFacesLeaveNewSnapshotsOnly() {
        LiveIndex live = new LiveIndex(FACES.index().withCandidates(IvfIndex.EXACT));
        IvfIndex before = (IvfIndex) live.current();
        float[] query = FACES.query(2);
        List<Neighbor> exact = FACES.bruteForce(query, 13, 0);
        java.util.Set<Long> removed = java.util.Set.of(exact.get(0).id(), exact.get(1).id(), exact.get(2).id(), -1L);
        live.remove(removed);
        assertEquals(exact.subList(3, 13), live.search(TestFaces.MODEL, query, 10, 16), "the next neighbours move up");
        assertEquals(2_997, live.current().size());
        assertEquals(exact.subList(0, 10), before.search(TestFaces.MODEL, query, 10, 16), "an older snapshot is unchanged");
    }

    @Test
    void queriesDuringSwapsReturnCompleteResultsOfOneVersion() throws InterruptedException {
        IvfIndex versionA = FACES.index().withCandidates(FACES.count);
        long offsetB = 1_000_000;
        long[] shiftedIds = FACES.ids.clone();
        for (int i = 0; i < shiftedIds.length; i++) {
            shiftedIds[i] += offsetB;
        }
        IvfIndex versionB = IvfIndex.build(TestFaces.MODEL, FACES.centroids, shiftedIds, FACES.vectors, FACES.count,
                FACES.centroids.assignAll(FACES.vectors, FACES.count)).withCandidates(FACES.count);
        LiveIndex live = new LiveIndex(versionA);
        int probes = FACES.centroids.k();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Runnable reader = () -> {
            int q = 0;
            while (running.get()) {
                float[] query = FACES.query(q % FACES.queryCount);
                List<Neighbor> result = live.search(TestFaces.MODEL, query, 10, probes);
                if (!result.equals(FACES.bruteForce(query, 10, 0)) && !result.equals(FACES.bruteForce(query, 10, offsetB))) {
                    failures.add("query " + q + " got " + result);
                }
                q++;
            }
        };
        Thread[] readers = {Thread.ofPlatform().start(reader), Thread.ofPlatform().start(reader)};
        for (int swap = 0; swap < 300; swap++) {
            live.swap(swap % 2 == 0 ? versionB : versionA);
            Thread.onSpinWait();
        }
        running.set(false);
        for (Thread t : readers) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " mixed results, e.g. " + failures.peek());
    }
}
