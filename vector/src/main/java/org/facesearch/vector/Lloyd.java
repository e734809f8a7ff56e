package org.facesearch.vector;

import java.util.Arrays;

/**
 * Lloyd iterations of k-means from given initial centroids: assign every vector to its nearest centroid with the
 * exact, blocked {@link Centroids#assignAll} (never the approximate coarse level: {@link Centroids#exact()}), move
 * each centroid to the mean of its members (summed in double), repeat until no assignment changes or
 * {@code maxIterations} ran. Seeding (k-means++, sampling) is the clusterer's job; this
 * class is the part that indexes and tests share.
 *
 * <p>A cluster that ends up empty keeps its previous centroid and simply receives no vectors.
 */
public final class Lloyd {
    private Lloyd() {
    }

    /**
     * Refines {@code initial} (k rows of {@code dimension} floats, not modified) on {@code count} contiguous
     * vectors and returns the centroids.
     */
    public static Centroids refine(float[] vectors, int count, int dimension, float[] initial, int k, int maxIterations) {
        float[] centroids = Arrays.copyOf(initial, k * dimension);
        int[] previous = null;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            int[] assignment = new Centroids(centroids, k, dimension).exact().assignAll(vectors, count);
            if (Arrays.equals(assignment, previous)) {
                break;
            }
            updateMeans(vectors, assignment, centroids, k, dimension);
            previous = assignment;
        }
        return new Centroids(centroids, k, dimension);
    }

    private static void updateMeans(float[] vectors, int[] assignment, float[] centroids, int k, int dimension) {
        double[] sums = new double[k * dimension];
        int[] counts = new int[k];
        for (int i = 0; i < assignment.length; i++) {
            int c = assignment[i];
            counts[c]++;
            for (int d = 0; d < dimension; d++) {
                sums[c * dimension + d] += vectors[i * dimension + d];
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                for (int d = 0; d < dimension; d++) {
                    centroids[c * dimension + d] = (float) (sums[c * dimension + d] / counts[c]);
                }
            }
        }
    }
}
