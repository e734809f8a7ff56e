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
    /** Vectors per block of {@link #assignAll}: 64 x 4 KB at 1024-d stay in a core's L2 cache. */
    private static final int FACE_BLOCK = 64;
    /** Centroids per tile of {@link #assignAll}: 128 KB at 1024-d, also cache-resident while a block passes. */
    private static final int TILE = 32;
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

    /**
     * Nearest centroid of each of {@code count} contiguous vectors, computed in parallel: exactly {@link #assign}
     * of each (the same distances bit for bit, ties to the smaller id), but blocked: a block of
     * {@value #FACE_BLOCK} vectors meets the centroids a tile of {@value #TILE} at a time through
     * {@link VectorMath#squaredL2Tile}, so each centroid is read from memory once per block instead of once per
     * vector.
     */
    public int[] assignAll(float[] vectors, int count) {
        if ((long) count * dimension > vectors.length) {
            throw new IllegalArgumentException(count + " vectors of " + dimension + " do not fit in " + vectors.length);
        }
        int[] clusters = new int[count];
        int blocks = (count + FACE_BLOCK - 1) / FACE_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int from = block * FACE_BLOCK;
            assignBlock(vectors, from, Math.min(count, from + FACE_BLOCK), clusters);
        });
        return clusters;
    }

    private void assignBlock(float[] vectors, int from, int to, int[] clusters) {
        int rowCount = to - from;
        int[] rows = new int[rowCount];
        float[] best = new float[rowCount];
        for (int r = 0; r < rowCount; r++) {
            rows[r] = (from + r) * dimension;
            best[r] = Float.POSITIVE_INFINITY;
        }
        int[] tile = new int[TILE];
        float[] distances = new float[rowCount * TILE];
        for (int first = 0; first < k; first += TILE) {
            int tileCount = Math.min(TILE, k - first);
            for (int t = 0; t < tileCount; t++) {
                tile[t] = (first + t) * dimension;
            }
            VectorMath.squaredL2Tile(vectors, rows, rowCount, data, tile, tileCount, dimension, distances);
            for (int r = 0; r < rowCount; r++) {
                for (int t = 0; t < tileCount; t++) {
                    float d = distances[r * tileCount + t];
                    if (d < best[r]) {
                        best[r] = d;
                        clusters[from + r] = first + t;
                    }
                }
            }
        }
    }

    private void checkDimension(float[] query) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, centroids " + dimension);
        }
    }
}
