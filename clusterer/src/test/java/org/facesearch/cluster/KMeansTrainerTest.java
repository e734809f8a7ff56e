package org.facesearch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.vector.Centroids;
import org.junit.jupiter.api.Test;

class KMeansTrainerTest {
    private static final int DIMENSION = 32;

    @Test
    void findsWellSeparatedBlobsFromASample() {
        int blobs = 8;
        int perBlob = 500;
        SplittableRandom random = new SplittableRandom(5);
        float[] centres = new float[blobs * DIMENSION];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextGaussian() * 10;
        }
        float[] vectors = new float[blobs * perBlob * DIMENSION];
        int[] truth = new int[blobs * perBlob];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % blobs;
            for (int d = 0; d < DIMENSION; d++) {
                vectors[i * DIMENSION + d] = centres[truth[i] * DIMENSION + d] + (float) random.nextGaussian() * 0.5f;
            }
        }
        KMeansTrainer trainer = new KMeansTrainer(blobs, 40, 30, 9);
        assertEquals(320, trainer.sampleSize());
        Centroids centroids = trainer.train(vectors, truth.length, DIMENSION);

        // every blob maps to exactly one cluster and every cluster to one blob
        int[] assigned = centroids.assignAll(vectors, truth.length);
        int[] clusterOfBlob = new int[blobs];
        Arrays.fill(clusterOfBlob, -1);
        for (int i = 0; i < truth.length; i++) {
            if (clusterOfBlob[truth[i]] == -1) {
                clusterOfBlob[truth[i]] = assigned[i];
            }
            assertEquals(clusterOfBlob[truth[i]], assigned[i], "vector " + i + " left its blob's cluster");
        }
        assertEquals(blobs, Arrays.stream(clusterOfBlob).distinct().count());
    }

    @Test
    void sameSeedSameCentroids() {
        SplittableRandom random = new SplittableRandom(6);
        float[] vectors = new float[3_000 * DIMENSION];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        Centroids a = new KMeansTrainer(10, 50, 10, 1).train(vectors, 3_000, DIMENSION);
        Centroids b = new KMeansTrainer(10, 50, 10, 1).train(vectors, 3_000, DIMENSION);
        for (int c = 0; c < 10; c++) {
            assertTrue(Arrays.equals(a.centroid(c), b.centroid(c)), "centroid " + c);
        }
    }

    @Test
    void largeKSeedsFromTheSampleReproducibly() {
        int k = KMeansTrainer.LARGE_K;
        int dimension = 4;
        SplittableRandom random = new SplittableRandom(8);
        float[] vectors = new float[2 * k * dimension];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        Centroids a = new KMeansTrainer(k, 2, 3, 4).train(vectors, 2 * k, dimension);
        Centroids b = new KMeansTrainer(k, 2, 3, 4).train(vectors, 2 * k, dimension);
        assertEquals(k, a.k());
        for (int c = 0; c < k; c++) {
            assertTrue(Arrays.equals(a.centroid(c), b.centroid(c)), "centroid " + c);
        }
    }

    @Test
    void sampleIsDistinctSortedAndBounded() {
        long[] positions = UniformSample.positions(1_000_000_000_000L, 10_000, 3);
        assertEquals(10_000, positions.length);
        for (int i = 1; i < positions.length; i++) {
            assertTrue(positions[i - 1] < positions[i]);
        }
        assertTrue(positions[0] >= 0 && positions[positions.length - 1] < 1_000_000_000_000L);
        assertEquals(5, UniformSample.positions(5, 10, 3).length);
    }
}
