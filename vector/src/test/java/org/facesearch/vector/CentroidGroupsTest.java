package org.facesearch.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CentroidGroupsTest {
    private static final int K = 300;
    private static final int DIMENSION = 24;
    private static final int COUNT = 1_500;

    /** Clustered centroids (as trained ones are), a few duplicated so that ties occur. */
    private static float[] centroids(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] modes = VectorMathTest.gaussian(random, 12 * DIMENSION);
        float[] data = new float[K * DIMENSION];
        for (int c = 0; c < K; c++) {
            int mode = random.nextInt(12);
            for (int d = 0; d < DIMENSION; d++) {
                data[c * DIMENSION + d] = 3 * modes[mode * DIMENSION + d] + (float) random.nextGaussian();
            }
        }
        for (int c = K - 20; c < K; c++) {
            System.arraycopy(data, (c - K + 20) * 7 * DIMENSION, data, c * DIMENSION, DIMENSION);
        }
        return data;
    }

    /** Faces near the centroids, some exactly on a duplicated one. */
    private static float[] faces(float[] centroids, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vectors = new float[COUNT * DIMENSION];
        for (int i = 0; i < COUNT; i++) {
            int c = random.nextInt(K);
            for (int d = 0; d < DIMENSION; d++) {
                vectors[i * DIMENSION + d] = centroids[c * DIMENSION + d]
                        + (i % 10 == 0 ? 0 : (float) random.nextGaussian());
            }
        }
        return vectors;
    }

    @Test
    void coarseSearchIsDeterministicAndAgreesOneAtATime() {
        float[] data = centroids(1);
        float[] vectors = faces(data, 2);
        Centroids a = new Centroids(data, K, DIMENSION).grouped(3, 2);
        Centroids b = new Centroids(data.clone(), K, DIMENSION).grouped(3, 2);
        int[] assigned = a.assignAll(vectors, COUNT);
        assertArrayEquals(assigned, b.assignAll(vectors, COUNT));
        for (int i = 0; i < COUNT; i++) {
            assertEquals(assigned[i], a.assign(vectors, i * DIMENSION), "vector " + i);
        }
        float[] query = Arrays.copyOfRange(vectors, 5 * DIMENSION, 6 * DIMENSION);
        assertArrayEquals(a.probe(query, 20), b.probe(query, 20));
        assertTrue(a.coarseLevel().groups() > 10, "about sqrt(k) groups");
    }

    @Test
    void coarseSearchOverAllGroupsIsExact() {
        float[] data = centroids(3);
        float[] vectors = faces(data, 4);
        Centroids centroids = new Centroids(data, K, DIMENSION);
        Centroids everyGroup = centroids.grouped(K, 1);
        int[] exact = centroids.exact().assignAll(vectors, COUNT);
        assertArrayEquals(exact, everyGroup.assignAll(vectors, COUNT));
        for (int i = 0; i < COUNT; i += 7) {
            assertEquals(exact[i], everyGroup.assign(vectors, i * DIMENSION), "vector " + i);
        }
        // on a duplicated centroid: the smaller id of the twins
        float[] onTwin = centroids.centroid(K - 1);
        assertEquals((20 - 1) * 7, everyGroup.assign(onTwin, 0));
    }

    @Test
    void probeIsExactWhenItsBudgetCoversEveryCentroid() {
        float[] data = centroids(5);
        float[] vectors = faces(data, 6);
        Centroids centroids = new Centroids(data, K, DIMENSION);
        for (int n : new int[] {1, 10, 60}) {
            Centroids covering = centroids.grouped(1, (K + n - 1) / n);
            for (int q = 0; q < 50; q++) {
                float[] query = Arrays.copyOfRange(vectors, q * DIMENSION, (q + 1) * DIMENSION);
                assertArrayEquals(centroids.exact().probe(query, n), covering.probe(query, n), "n " + n + " query " + q);
            }
        }
    }

    @Test
    void coarseLevelIsTheDefaultOnlyFromTheThreshold() {
        assertFalse(new Centroids(new float[(Centroids.GROUPED_FROM - 1) * 2], Centroids.GROUPED_FROM - 1, 2).isGrouped());
        int k = Centroids.GROUPED_FROM;
        Centroids large = new Centroids(VectorMathTest.gaussian(new SplittableRandom(7), k * 2), k, 2);
        assertTrue(large.isGrouped());
        assertFalse(large.exact().isGrouped());
        float[] query = {0.3f, -0.2f};
        assertArrayEquals(large.exact().probe(query, 50), large.probe(query, 50), "probes stay exhaustive");
    }
}
