package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.junit.jupiter.api.Test;

class CandidateScanTest {
    private static final TestFaces FACES = new TestFaces(256, 2_000, 8, 20);

    @Test
    void candidateIdsCarryClusterAndPosition() {
        long candidate = CandidateScan.candidate(1_023, 2_000_000_000);
        assertEquals(1_023, CandidateScan.cluster(candidate));
        assertEquals(2_000_000_000, CandidateScan.position(candidate));
        assertEquals(0, CandidateScan.position(CandidateScan.candidate(5, 0)));
    }

    @Test
    void aBatchIsEncodedAsEachFaceAlone() {
        CandidateScan scan = new CandidateScan(FACES.centroids);
        int[] clusters = FACES.centroids.assignAll(FACES.vectors, 50);
        CandidateScan.Encoded batch = scan.encodeAll(FACES.vectors, 50, clusters);
        int words = scan.words();
        for (int i = 0; i < 50; i++) {
            float[] one = Arrays.copyOfRange(FACES.vectors, i * FACES.dimension, (i + 1) * FACES.dimension);
            CandidateScan.Encoded alone = scan.encodeAll(one, 1, new int[] {clusters[i]});
            assertArrayEquals(alone.codes(), Arrays.copyOfRange(batch.codes(), i * words, (i + 1) * words));
            assertArrayEquals(alone.scalars(), Arrays.copyOfRange(batch.scalars(), 2 * i, 2 * i + 2));
        }
    }

    @Test
    void aStoredFaceIsItsOwnBestCandidateAndCandidatesComeFromProbedClustersOnly() {
        CandidateScan scan = new CandidateScan(FACES.centroids);
        TestFaces.Lists faceLists = FACES.lists(scan);
        int[][] members = faceLists.members();
        CandidateScan.Lists lists = faceLists.lists();
        int face = 123;
        int cluster = FACES.centroids.assignAll(FACES.vectors, FACES.count)[face];
        float[] query = Arrays.copyOfRange(FACES.vectors, face * FACES.dimension, (face + 1) * FACES.dimension);
        int[] probed = FACES.centroids.probe(query, 2);
        assertEquals(cluster, probed[0]);
        List<Neighbor> candidates = scan.scan(query, probed, lists, 30).sorted();
        assertEquals(30, candidates.size());
        assertEquals(face, members[cluster][CandidateScan.position(candidates.get(0).id())]);
        // the estimate of a face's distance to itself is near zero, far below the others'
        assertTrue(candidates.get(0).distance() < 0.2f * candidates.get(1).distance(), candidates.subList(0, 2).toString());
        for (Neighbor candidate : candidates) {
            int c = CandidateScan.cluster(candidate.id());
            assertTrue(c == probed[0] || c == probed[1], "candidate from unprobed cluster " + c);
        }
    }

    @Test
    void aScanSplitOverTheCoresKeepsTheSameCandidatesAsListByListScans() {
        TestFaces many = new TestFaces(64, CandidateScan.PARALLEL_FROM + 4_000, 8, 5);
        CandidateScan scan = new CandidateScan(many.centroids);
        CandidateScan.Lists lists = many.lists(scan).lists();
        int[] probed = IntStream.range(0, many.centroids.k()).toArray();
        for (int q = 0; q < many.queryCount; q++) {
            float[] query = many.query(q);
            TopK listByList = new TopK(200);
            for (int cluster : probed) {
                listByList.offerAll(scan.scan(query, new int[] {cluster}, lists, 200));
            }
            assertEquals(listByList.sorted(), scan.scan(query, probed, lists, 200).sorted(), "query " + q);
        }
    }
}
