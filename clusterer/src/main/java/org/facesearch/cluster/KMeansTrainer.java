package org.facesearch.cluster;

import java.util.Arrays;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Lloyd;
import org.facesearch.vector.VectorMath;
import smile.clustering.CentroidClustering;
import smile.math.MathEx;

/**
 * Trains k-means centroids on a uniform random sample, never on all faces: Smile's k-means++ seeding (random
 * seeds at large k), then {@link Lloyd} iterations whose assignment step is the project's blocked SIMD
 * {@link Centroids#assignAll}.
 *
 * <p>Why a sample: every iteration costs {@code sample * k * dimension}, and FAISS's rule of thumb of 30 to 256
 * training points per centroid gives centroids as good for search as the whole set would; the default here is
 * {@value #DEFAULT_POINTS_PER_CENTROID}. Assigning every face to its centroid afterwards is a separate,
 * streaming step ({@link Centroids#assignAll} on batches).
 *
 * <p>Why not Smile's {@code KMeans.fit} for the iterations: it keeps a BBD tree of about 6.5x the data, and in
 * 1024 dimensions the tree prunes nothing. Measured on this machine (2 cores): 4.4 s per iteration for 4,096
 * points, k = 128, 1024-d, i.e. 0.12 GFLOP/s; a 1M-face training sample (k = 1,024, 32 per centroid) would need
 * about 5 minutes per iteration. With the SIMD assignment the whole training of that size (seeding and
 * 10 iterations) took 25 s in the 1M search benchmark, on cores shared with other work. Smile
 * still does the k-means++ seeding ({@link CentroidClustering#init}), given the SIMD distance.
 *
 * <p>From {@value #LARGE_K} centroids on, training is cut down to what FAISS does for an IVF's coarse centroids
 * (random seeds, 10 iterations): the seeds are k distinct sample vectors drawn uniformly, and at most
 * {@value #LARGE_K_ITERATIONS} Lloyd iterations run. Why: k-means++ picks its seeds one after the other, each
 * after a pass over the whole sample that cannot be blocked, so it costs k memory-bound passes; and each Lloyd
 * iteration costs {@code sample * k * dimension}. Measured at k = 10,000 on 65,536 x 1024-d on this machine with
 * the cores shared (load ~6.5): k-means++ seeding 315 s, one iteration 30 s, so the old 25 iterations and
 * seeding took ~18 minutes (BENCHMARKS.md, "Nearest-centroid search at large k").
 *
 * <p>Caveats: Smile draws its k-means++ seeds from {@link MathEx}'s per-thread generator, which {@link #fit}
 * seeds from {@code seed} on the calling thread, so results are reproducible for the same sample, seed and
 * Smile version. Iterations stop early when no assignment changes (see {@link Lloyd}).
 */
public final class KMeansTrainer {
    public static final int DEFAULT_POINTS_PER_CENTROID = 64;
    public static final int DEFAULT_MAX_ITERATIONS = 25;
    /** k from which training is cut down to FAISS's: random seeds, at most {@value #LARGE_K_ITERATIONS} iterations. */
    public static final int LARGE_K = 4_096;
    public static final int LARGE_K_ITERATIONS = 10;

    private final int k;
    private final int pointsPerCentroid;
    private final int maxIterations;
    private final long seed;

    /**
     * @param k                 number of centroids
     * @param pointsPerCentroid sample size per centroid (FAISS recommends 30..256)
     * @param maxIterations     upper bound on Lloyd iterations (stops earlier when assignments settle)
     * @param seed              seed of the sample and of the k-means++ seeding
     */
    public KMeansTrainer(int k, int pointsPerCentroid, int maxIterations, long seed) {
        if (k < 1 || pointsPerCentroid < 1 || maxIterations < 1) {
            throw new IllegalArgumentException(
                    "k " + k + ", points per centroid " + pointsPerCentroid + ", iterations " + maxIterations);
        }
        this.k = k;
        this.pointsPerCentroid = pointsPerCentroid;
        this.maxIterations = maxIterations;
        this.seed = seed;
    }

    public int k() {
        return k;
    }

    /** How many vectors {@link #train} samples: {@code k * pointsPerCentroid}. */
    public int sampleSize() {
        return Math.multiplyExact(k, pointsPerCentroid);
    }

    /** Samples {@link #sampleSize()} of the {@code count} contiguous vectors uniformly, then {@link #fit}s. */
    public Centroids train(float[] vectors, int count, int dimension) {
        long[] positions = UniformSample.positions(count, sampleSize(), seed);
        float[][] sample = new float[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            int from = Math.toIntExact(positions[i] * dimension);
            sample[i] = Arrays.copyOfRange(vectors, from, from + dimension);
        }
        return fit(sample);
    }

    /** Fits k centroids to an already drawn sample (all of it; e.g. rows sampled from the database). */
    public Centroids fit(float[][] sample) {
        if (sample.length < k) {
            throw new IllegalArgumentException("need at least k = " + k + " vectors, got " + sample.length);
        }
        int dimension = sample[0].length;
        float[] centroids = k < LARGE_K ? kMeansPlusPlus(sample, dimension) : randomSeeds(sample, dimension);
        float[] flat = new float[Math.multiplyExact(sample.length, dimension)];
        for (int i = 0; i < sample.length; i++) {
            System.arraycopy(sample[i], 0, flat, i * dimension, dimension);
        }
        int iterations = k < LARGE_K ? maxIterations : Math.min(maxIterations, LARGE_K_ITERATIONS);
        return Lloyd.refine(flat, sample.length, dimension, centroids, k, iterations);
    }

    private float[] kMeansPlusPlus(float[][] sample, int dimension) {
        MathEx.setSeed(seed);
        CentroidClustering<float[], float[]> seeds = CentroidClustering.init("k-means++", sample, k,
                (a, b) -> VectorMath.squaredL2(a, 0, b, 0, dimension));
        float[] centroids = new float[k * dimension];
        for (int c = 0; c < k; c++) {
            System.arraycopy(seeds.center(c), 0, centroids, c * dimension, dimension);
        }
        return centroids;
    }

    /** k distinct sample vectors drawn uniformly ({@link UniformSample}, seeded): FAISS's initialisation. */
    private float[] randomSeeds(float[][] sample, int dimension) {
        long[] positions = UniformSample.positions(sample.length, k, seed);
        float[] centroids = new float[k * dimension];
        for (int c = 0; c < k; c++) {
            System.arraycopy(sample[(int) positions[c]], 0, centroids, c * dimension, dimension);
        }
        return centroids;
    }
}
