package org.facesearch.vector;

import java.util.List;
import java.util.stream.IntStream;

/**
 * k centroids of one dimension in one contiguous {@code float[]} (centroid {@code c} at {@code c * dimension}),
 * and the nearest-centroid searches built on {@link VectorMath}: assignment of a face to its cluster and the
 * {@code nprobe} clusters a query reads.
 *
 * <p>Immutable: the array passed in is copied. Ties between equidistant centroids go to the smaller cluster id,
 * so an assignment is reproducible. {@link #assignAll} uses the common fork-join pool (all cores); it is the
 * costly step of a recluster ({@code n * k * dimension} multiply-adds).
 */
public final class Centroids {
    private final float[] data;
    private final int k;
    private final int dimension;

    public Centroids(float[] data, int k, int dimension) {
        if (k < 1 || dimension < 1 || data.length != (long) k * dimension) {
            throw new IllegalArgumentException(
                    "expected " + k + " x " + dimension + " floats, got " + data.length);
        }
        this.data = data.clone();
        this.k = k;
        this.dimension = dimension;
    }

    public int k() {
        return k;
    }

    public int dimension() {
        return dimension;
    }

    /** A copy of centroid {@code cluster}. */
    public float[] centroid(int cluster) {
        float[] copy = new float[dimension];
        System.arraycopy(data, cluster * dimension, copy, 0, dimension);
        return copy;
    }

    /** The index of the centroid nearest to {@code vectors[offset..offset+dimension)}. */
    public int assign(float[] vectors, int offset) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float d = VectorMath.squaredL2(vectors, offset, data, c * dimension, dimension);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** The {@code n} centroids nearest to {@code query}, nearest first ({@code min(n, k)} of them). */
    public int[] probe(float[] query, int n) {
        checkDimension(query);
        TopK top = new TopK(Math.min(n, k));
        for (int c = 0; c < k; c++) {
            top.offer(c, VectorMath.squaredL2(query, 0, data, c * dimension, dimension));
        }
        List<Neighbor> sorted = top.sorted();
        int[] clusters = new int[sorted.size()];
        for (int i = 0; i < clusters.length; i++) {
            clusters[i] = (int) sorted.get(i).id();
        }
        return clusters;
    }

    /** Nearest centroid of each of {@code count} contiguous vectors, computed in parallel. */
    public int[] assignAll(float[] vectors, int count) {
        if ((long) count * dimension > vectors.length) {
            throw new IllegalArgumentException(count + " vectors of " + dimension + " do not fit in " + vectors.length);
        }
        int[] clusters = new int[count];
        IntStream.range(0, count).parallel().forEach(i -> clusters[i] = assign(vectors, i * dimension));
        return clusters;
    }

    private void checkDimension(float[] query) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, centroids " + dimension);
        }
    }
}
