package org.facesearch.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.vector.Centroids;
import org.junit.jupiter.api.Test;

class SampleTrainingTest {
    @Test
    void kGrowsUntilNoClusterIsPredictedOverTheCap() {
        // 900 points in one wide blob and 100 in a far one: k = 2 would put 900 in one cluster
        SplittableRandom random = new SplittableRandom(4);
        float[][] sample = new float[1_000][8];
        for (int i = 0; i < sample.length; i++) {
            for (int d = 0; d < 8; d++) {
                sample[i][d] = (float) random.nextGaussian() + (i < 900 ? 0 : 50);
            }
        }
        ReclusterOptions options = ReclusterOptions.defaults(400, 0.5);  // limit: 400 * 1.5 / 2 = 300
        Centroids centroids = SampleTraining.train(sample, 2, sample.length, options);
        int[] counts = new int[centroids.k()];
        for (float[] v : sample) {
            counts[centroids.assign(v, 0)]++;
        }
        assertTrue(centroids.k() > 2, "k stayed " + centroids.k());
        assertTrue(Arrays.stream(counts).max().orElseThrow() <= 300, Arrays.toString(counts));
    }
}
