package org.facesearch.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CentroidsTest {
    private static final int K = 37;
    private static final int DIMENSION = 100;

    @Test
    void assignmentEqualsBruteForceNearestCentroid() {
        SplittableRandom random = new SplittableRandom(11);
        Centroids centroids = new Centroids(VectorMathTest.gaussian(random, K * DIMENSION), K, DIMENSION);
        int count = 2_000;
        float[] vectors = VectorMathTest.gaussian(random, count * DIMENSION);
        int[] assigned = centroids.assignAll(vectors, count);
        for (int i = 0; i < count; i++) {
            int best = 0;
            for (int c = 1; c < K; c++) {
                float[] centroid = centroids.centroid(c);
                if (ScalarMath.squaredL2(vectors, i * DIMENSION, centroid, 0, DIMENSION)
                        < ScalarMath.squaredL2(vectors, i * DIMENSION, centroids.centroid(best), 0, DIMENSION)) {
                    best = c;
                }
            }
            assertEquals(best, assigned[i], "vector " + i);
        }
    }

    @Test
    void blockedAssignmentEqualsOneAtATimeIncludingTies() {
        SplittableRandom random = new SplittableRandom(12);
        int k = 203;       // not a multiple of the tile
        int dimension = 36; // not a multiple of the vector width x 4
        float[] data = VectorMathTest.gaussian(random, k * dimension);
        // duplicated centroids: a vector nearest to one of them is at the same distance from its twin
        for (int c = 150; c < k; c++) {
            System.arraycopy(data, (c - 150) * 3 * dimension, data, c * dimension, dimension);
        }
        Centroids centroids = new Centroids(data, k, dimension);
        int count = 1_001; // not a multiple of the block
        float[] vectors = VectorMathTest.gaussian(random, count * dimension);
        for (int i = 0; i < count; i += 7) { // exactly on a (possibly duplicated) centroid
            System.arraycopy(data, (i % k) * dimension, vectors, i * dimension, dimension);
        }
        // equidistant from two distinct centroids: their midpoint
        for (int i = 3; i < count; i += 11) {
            int c0 = i % 150;
            int c1 = (i * 7 + 1) % 150;
            for (int d = 0; d < dimension; d++) {
                vectors[i * dimension + d] = (data[c0 * dimension + d] + data[c1 * dimension + d]) / 2;
            }
        }
        int onTwin = 500;
        System.arraycopy(data, 160 * dimension, vectors, onTwin * dimension, dimension); // centroid 160 = centroid 30
        int[] blocked = centroids.assignAll(vectors, count);
        for (int i = 0; i < count; i++) {
            assertEquals(centroids.assign(vectors, i * dimension), blocked[i], "vector " + i);
        }
        assertEquals(30, blocked[onTwin]);
    }

    @Test
    void probesNearestFirstAndTiesGoToSmallerCluster() {
        // centroids on a line at 0, 1, 2, 3 (one dimension); centroid 4 duplicates 1
        Centroids centroids = new Centroids(new float[] {0, 1, 2, 3, 1}, 5, 1);
        assertArrayEquals(new int[] {2, 1, 4}, centroids.probe(new float[] {1.9f}, 3));
        assertArrayEquals(new int[] {1, 4, 0, 2, 3}, centroids.probe(new float[] {0.9f}, 10));
        assertEquals(1, centroids.assign(new float[] {1f}, 0));
    }

    @Test
    void aProbeSplitOverTheCoresEqualsTheOneThreadScanIncludingTies() {
        int k = Centroids.PARALLEL_PROBE_FROM + 100;
        int dimension = 8;
        SplittableRandom random = new SplittableRandom(13);
        float[] data = new float[k * dimension];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        // a twin of centroid 5 at the far end, in the other part of the split: the tie goes to 5
        System.arraycopy(data, 5 * dimension, data, (k - 1) * dimension, dimension);
        Centroids centroids = new Centroids(data, k, dimension).exact();
        for (int q = 0; q < 10; q++) {
            float[] query = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                query[d] = (float) random.nextGaussian();
            }
            TopK oneThread = new TopK(300);
            for (int c = 0; c < k; c++) {
                oneThread.offer(c, VectorMath.squaredL2(query, 0, data, c * dimension, dimension));
            }
            assertArrayEquals(Centroids.ids(oneThread), centroids.probe(query, 300), "query " + q);
        }
        int[] atTwin = centroids.probe(java.util.Arrays.copyOfRange(data, 5 * dimension, 6 * dimension), 2);
        assertArrayEquals(new int[] {5, k - 1}, atTwin);
    }
}
