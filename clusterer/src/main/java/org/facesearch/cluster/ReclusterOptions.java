package org.facesearch.cluster;

/**
 * How a recluster chooses k and reads the data.
 *
 * @param cap               largest cluster size wanted (faces); k is chosen so clusters stay well under it
 * @param fill              target average fill of a cluster relative to the cap after reclustering (0..1]: with
 *                          0.5 the clusters start half full, leaving room to grow before the next recluster
 * @param k                 a forced number of clusters, or 0 to choose
 *                          {@code max(previous k + 1, ceil(N / (cap * fill)), ceil(N / listSize))}
 * @param listSize          faces per cluster wanted right after a recluster, so that k grows with the number of
 *                          faces and a probed list costs the same at any size (a fixed nprobe then reads a
 *                          smaller share of a larger database: the nprobe for a recall grows with k)
 * @param pointsPerCentroid training sample per centroid (FAISS recommends 30..256)
 * @param maxSample         upper bound of the training sample (vectors) unless it would leave fewer than
 *                          {@value #MIN_POINTS_PER_CENTROID} points a centroid ({@link ReclusterPlan#sampleSize});
 *                          training holds the sample twice (rows for the seeding and one contiguous copy for the
 *                          SIMD iterations): 512 MB at 65,536 x 1024-d, 2.6 GB at k = 10,000 (320,000 points)
 * @param pageSize          faces read, assigned and written per batch while streaming
 * @param seed              seed of the sample and of the k-means++ seeding
 */
public record ReclusterOptions(int cap, double fill, int k, int listSize, int pointsPerCentroid, int maxSample,
                               int pageSize, long seed) {
    /** Faces per list after a recluster unless configured ({@code cluster.list-size}; BENCHMARKS.md, Search). */
    public static final int DEFAULT_LIST_SIZE = 1_000;
    /**
     * Training points a centroid below which {@code maxSample} gives way (FAISS warns below 39): fewer leave the
     * lists far from equal at large k ({@link ReclusterPlan#sampleSize}).
     */
    public static final int MIN_POINTS_PER_CENTROID = 32;

    public ReclusterOptions {
        if (cap < 1 || !(fill > 0 && fill <= 1) || k < 0 || listSize < 1 || pointsPerCentroid < 1 || maxSample < 1
                || pageSize < 1) {
            throw new IllegalArgumentException("invalid recluster options: " + this);
        }
    }

    /**
     * Defaults: lists of {@value #DEFAULT_LIST_SIZE} faces, 128 sample points per centroid, at most 65,536 sample
     * vectors, pages of 2,048 faces.
     */
    public static ReclusterOptions defaults(int cap, double fill) {
        return new ReclusterOptions(cap, fill, 0, DEFAULT_LIST_SIZE, 128, 65_536, 2_048, 42);
    }

    public ReclusterOptions withK(int forcedK) {
        return new ReclusterOptions(cap, fill, forcedK, listSize, pointsPerCentroid, maxSample, pageSize, seed);
    }

    public ReclusterOptions withListSize(int faces) {
        return new ReclusterOptions(cap, fill, k, faces, pointsPerCentroid, maxSample, pageSize, seed);
    }

    public ReclusterOptions withPageSize(int size) {
        return new ReclusterOptions(cap, fill, k, listSize, pointsPerCentroid, maxSample, size, seed);
    }
}
