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
    void probesNearestFirstAndTiesGoToSmallerCluster() {
        // centroids on a line at 0, 1, 2, 3 (one dimension); centroid 4 duplicates 1
        Centroids centroids = new Centroids(new float[] {0, 1, 2, 3, 1}, 5, 1);
        assertArrayEquals(new int[] {2, 1, 4}, centroids.probe(new float[] {1.9f}, 3));
        assertArrayEquals(new int[] {1, 4, 0, 2, 3}, centroids.probe(new float[] {0.9f}, 10));
        assertEquals(1, centroids.assign(new float[] {1f}, 0));
    }
}
