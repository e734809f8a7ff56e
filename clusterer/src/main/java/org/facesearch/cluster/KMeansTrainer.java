package org.facesearch.cluster;

import java.util.Arrays;
import org.facesearch.vector.Centroids;
import smile.clustering.CentroidClustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Trains k-means centroids with Smile (k-means++ seeding, then Lloyd iterations accelerated by Smile's
 * BBD tree) on a uniform random sample, never on all faces.
 *
 * <p>Why a sample: Smile's {@code KMeans.fit} keeps the data as {@code float[][]} plus a BBD tree of about
 * 6.5 times its size, and every iteration costs {@code sample * k * dimension}. FAISS's rule of thumb of 30 to
 * 256 training points per centroid gives centroids as good for search as the whole set would; the default here
 * is {@value #DEFAULT_POINTS_PER_CENTROID}. Assigning every face to its centroid is a separate step done with
 * the project's SIMD code ({@link Centroids#assignAll}), so it streams and never needs Smile's index.
 *
 * <p>Caveats: Smile draws its k-means++ seeds from {@link MathEx}'s per-thread generator, which {@link #fit}
 * seeds from {@code seed} on the calling thread, so results are reproducible only for the same sample, seed
 * and Smile version. Smile parallelises the iterations on the common fork-join pool. Clusters that end up
 * empty keep Smile's centroid; they simply receive no faces.
 */
public final class KMeansTrainer {
    public static final int DEFAULT_POINTS_PER_CENTROID = 64;
    public static final int DEFAULT_MAX_ITERATIONS = 25;

    private final int k;
    private final int pointsPerCentroid;
    private final int maxIterations;
    private final long seed;

    /**
     * @param k                 number of centroids
     * @param pointsPerCentroid sample size per centroid (FAISS recommends 30..256)
     * @param maxIterations     upper bound on Lloyd iterations (Smile also stops on convergence)
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
        MathEx.setSeed(seed);
        CentroidClustering<float[], float[]> model = KMeans.fit(sample, k, maxIterations);
        float[] centroids = new float[k * dimension];
        for (int c = 0; c < k; c++) {
            System.arraycopy(model.center(c), 0, centroids, c * dimension, dimension);
        }
        return new Centroids(centroids, k, dimension);
    }
}
