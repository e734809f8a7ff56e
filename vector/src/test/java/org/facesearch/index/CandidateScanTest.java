package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.facesearch.vector.Neighbor;
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
            assertEquals(alone.norms()[0], batch.norms()[i]);
        }
    }

    @Test
    void aStoredFaceIsItsOwnBestCandidateAndCandidatesComeFromProbedClustersOnly() {
        CandidateScan scan = new CandidateScan(FACES.centroids);
        int[] clusterOf = FACES.centroids.assignAll(FACES.vectors, FACES.count);
        CandidateScan.Encoded encoded = scan.encodeAll(FACES.vectors, FACES.count, clusterOf);
        int face = 123;
        int cluster = clusterOf[face];
        // one list per cluster, faces in id order
        int[][] members = new int[FACES.centroids.k()][];
        for (int c = 0; c < members.length; c++) {
            int target = c;
            members[c] = IntStream.range(0, FACES.count).filter(i -> clusterOf[i] == target).toArray();
        }
        int words = scan.words();
        CandidateScan.Lists lists = new CandidateScan.Lists() {
            @Override
            public int size(int c) {
                return members[c].length;
            }

            @Override
            public long[] codes(int c) {
                long[] codes = new long[members[c].length * words];
                for (int i = 0; i < members[c].length; i++) {
                    System.arraycopy(encoded.codes(), members[c][i] * words, codes, i * words, words);
                }
                return codes;
            }

            @Override
            public float[] norms(int c) {
                float[] norms = new float[members[c].length];
                for (int i = 0; i < members[c].length; i++) {
                    norms[i] = encoded.norms()[members[c][i]];
                }
                return norms;
            }
        };
        float[] query = Arrays.copyOfRange(FACES.vectors, face * FACES.dimension, (face + 1) * FACES.dimension);
        int[] probed = FACES.centroids.probe(query, 2);
        assertEquals(cluster, probed[0]);
        List<Neighbor> candidates = scan.scan(query, probed, lists, 30).sorted();
        assertEquals(30, candidates.size());
        assertEquals(face, members[cluster][CandidateScan.position(candidates.get(0).id())]);
        assertEquals(0f, candidates.get(0).distance(), 1e-6f);
        for (Neighbor candidate : candidates) {
            int c = CandidateScan.cluster(candidate.id());
            assertTrue(c == probed[0] || c == probed[1], "candidate from unprobed cluster " + c);
        }
    }
}
