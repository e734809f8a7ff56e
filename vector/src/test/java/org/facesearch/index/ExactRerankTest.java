package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.Test;

class ExactRerankTest {
    private static final TestFaces FACES = new TestFaces(1024, 4_000, 16, 40);
    private static final int CANDIDATES = 100;

    @Test
    void theLowerBoundsHoldAndComeInAscendingOrder() {
        assertBoundsHold(FACES);
    }

    @Test
    void theLowerBoundsHoldAt128Dimensions() {
        assertBoundsHold(new TestFaces(128, 4_000, 16, 40));
    }

    private static void assertBoundsHold(TestFaces faces) {
        CandidateScan scan = new CandidateScan(faces.centroids);
        TestFaces.Lists lists = faces.lists(scan);
        int violations = 0;
        int total = 0;
        for (int q = 0; q < faces.queryCount; q++) {
            float[] query = faces.query(q);
            CandidateScan.Shortlist shortlist = scan.shortlist(query, faces.centroids.probe(query, 4), lists.lists(),
                    CANDIDATES);
            assertEquals(CANDIDATES, shortlist.size());
            for (int i = 0; i < shortlist.size(); i++) {
                if (i > 0) {
                    assertTrue(shortlist.lowerBounds()[i - 1] <= shortlist.lowerBounds()[i]);
                }
                long candidate = shortlist.candidates()[i];
                int face = lists.members()[CandidateScan.cluster(candidate)][CandidateScan.position(candidate)];
                float exact = VectorMath.squaredL2(query, 0, faces.vectors, face * faces.dimension, faces.dimension);
                violations += shortlist.lowerBounds()[i] > exact ? 1 : 0;
                total++;
            }
        }
        assertTrue(violations <= total / 1_000, violations + " of " + total + " bounds above the exact distance");
    }

    @Test
    void pruningReturnsWhatReadingEveryCandidateReturnsWithFewerReads() {
        CandidateScan scan = new CandidateScan(FACES.centroids);
        TestFaces.Lists lists = FACES.lists(scan);
        AtomicInteger reads = new AtomicInteger();
        InMemoryVectors memory = new InMemoryVectors(FACES.ids, FACES.vectors, FACES.count, FACES.dimension);
        RerankVectors counted = (ids, dimension, target) -> {
            reads.addAndGet(ids.length);
            return memory.read(ids, dimension, target);
        };
        int pruned = 0;
        for (int q = 0; q < FACES.queryCount; q++) {
            float[] query = FACES.query(q);
            CandidateScan.Shortlist shortlist = scan.shortlist(query, FACES.centroids.probe(query, 4), lists.lists(),
                    CANDIDATES);
            long[] faces = shortlist.faceIds((cluster, position) -> lists.members()[cluster][position]);
            List<Neighbor> all = ExactRerank.nearest(query, 10, faces, memory);
            reads.set(0);
            ExactRerank.Result result = ExactRerank.nearest(query, 10, faces, shortlist.lowerBounds(), counted);
            assertEquals(all, result.nearest(), "query " + q);
            assertEquals(reads.get(), result.read());
            assertTrue(result.read() >= 10 && result.read() <= CANDIDATES);
            pruned += CANDIDATES - result.read();
        }
        assertTrue(pruned > FACES.queryCount * CANDIDATES / 4, "only " + pruned + " candidates left unread");
    }

    @Test
    void eachBatchIsTwiceTheLastSoUnprunedCandidatesTakeFewRoundTrips() {
        long[] faces = new long[100];
        Arrays.setAll(faces, i -> FACES.ids[i]);
        float[] bounds = new float[faces.length];
        Arrays.fill(bounds, Float.NEGATIVE_INFINITY);
        InMemoryVectors memory = new InMemoryVectors(FACES.ids, FACES.vectors, FACES.count, FACES.dimension);
        List<Integer> batches = new ArrayList<>();
        RerankVectors counted = (ids, dimension, target) -> {
            batches.add(ids.length);
            return memory.read(ids, dimension, target);
        };
        ExactRerank.Result result = ExactRerank.nearest(FACES.query(0), 10, faces, bounds, counted);
        assertEquals(List.of(16, 32, 52), batches);
        assertEquals(100, result.read());
        assertEquals(ExactRerank.nearest(FACES.query(0), 10, faces, memory), result.nearest());
    }

    @Test
    void withoutBoundsBelowTheKthEveryCandidateIsRead() {
        long[] faces = {5, 9, 11, 20, 33};
        float[] bounds = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        InMemoryVectors memory = new InMemoryVectors(FACES.ids, FACES.vectors, FACES.count, FACES.dimension);
        ExactRerank.Result result = ExactRerank.nearest(FACES.query(0), 2, faces, bounds, memory);
        assertEquals(faces.length, result.read());
        assertEquals(ExactRerank.nearest(FACES.query(0), 2, faces, memory), result.nearest());
    }
}
