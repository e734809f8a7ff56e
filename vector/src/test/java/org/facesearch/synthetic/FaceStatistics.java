package org.facesearch.synthetic;

import java.util.SplittableRandom;

/**
 * Where face-like vectors come from: a mean vector and a set of directions whose span and variances are those
 * of real embeddings, in one contiguous array ({@code directions[j * dimension ..]}).
 *
 * <p>{@link #fromSeeds} takes real embeddings (e.g. faceres vectors of the fixture photos): the mean, and each
 * seed's deviation from it divided by {@code sqrt(n)}. A Gaussian combination {@code sum z_j * direction_j}
 * with standard normal {@code z} then has exactly the seeds' sample covariance, i.e. it draws along their
 * principal components with their variances, without an eigen-decomposition. With only n seeds that covariance
 * has rank n - 1, which is why the generator adds isotropic noise ("augmentation"), here 5% of the variance
 * ({@link #isotropicShare}). That share was measured on the faceres vectors of the 125 faces of the demo gallery
 * ({@code facesearch faces HOME/demo --vectors-out FILE}), calibrated to strangers 0.41 and same person 0.79:
 * with 5% the percentiles come out at strangers 95th 0.54 and same person 5th 0.71 (faceres: 0.54 and 0.67);
 * with the fallback's 50% they were 0.48 and 0.75, far too narrow: the real variance is already spread over many
 * directions (participation ratio ~35, top 5 directions 28% of it; the fallback's: ~5 and 75%), and more
 * isotropic dimensions average the cosines out further. The share of exact zeros comes out at about 40% (the
 * seeds themselves: 32%; the fallback: 44%).
 *
 * <p>{@link #fallback} is used when no real seed vectors are given: a pre-activation mean of
 * {@code 0.5 + N(0, 1)} per dimension (about 31% of dimensions below zero before the identity and photo spreads
 * are added; after them about 44% of components are clipped to zero, faceres has 30%) and 64 random directions with variances decaying as {@code 1 / j^1.5}, so a few
 * directions carry most of the variance. Its absolute scale does not matter: the generator calibrates its
 * spreads to the target cosines. Its isotropic share is 50% (see {@link FaceLikeGenerator}).
 *
 * @param isotropicShare share of the identity and photo variance the generator adds as isotropic augmentation
 *                       rather than along the directions (in [0, 1))
 */
public record FaceStatistics(float[] mean, float[] directions, int dimension, int directionCount, double isotropicShare) {
    private static final int FALLBACK_DIRECTIONS = 64;
    /** Measured on the fallback statistics (see {@link FaceLikeGenerator}). */
    static final double FALLBACK_ISOTROPIC_SHARE = 0.5;
    /** Measured on real faceres seeds (see the class comment). */
    static final double SEEDS_ISOTROPIC_SHARE = 0.05;

    public FaceStatistics {
        if (mean.length != dimension || directions.length != (long) directionCount * dimension) {
            throw new IllegalArgumentException("mean " + mean.length + ", directions " + directions.length);
        }
        if (!(isotropicShare >= 0 && isotropicShare < 1)) {
            throw new IllegalArgumentException("isotropic share must be in [0, 1): " + isotropicShare);
        }
    }

    /**
     * Statistics of {@code n} real embeddings stored contiguously in {@code seeds} (e.g. a file written by
     * {@code facesearch faces --vectors-out}).
     */
    public static FaceStatistics fromSeeds(float[] seeds, int n, int dimension) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 seed vectors, got " + n);
        }
        if (seeds.length < (long) n * dimension) {
            throw new IllegalArgumentException(n + " seed vectors of " + dimension + " need " + (long) n * dimension
                    + " values, got " + seeds.length);
        }
        float[] mean = new float[dimension];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += seeds[i * dimension + d] / n;
            }
        }
        float[] directions = new float[n * dimension];
        float scale = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dimension; d++) {
                directions[i * dimension + d] = (seeds[i * dimension + d] - mean[d]) * scale;
            }
        }
        return new FaceStatistics(mean, directions, dimension, n, SEEDS_ISOTROPIC_SHARE);
    }

    /** The documented stand-in for real statistics (see the class comment). */
    public static FaceStatistics fallback(int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] mean = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            mean[d] = (float) (0.5 + random.nextGaussian());
        }
        float[] directions = new float[FALLBACK_DIRECTIONS * dimension];
        for (int j = 0; j < FALLBACK_DIRECTIONS; j++) {
            double sd = Math.pow(j + 1, -0.75) / Math.sqrt(dimension);
            for (int d = 0; d < dimension; d++) {
                directions[j * dimension + d] = (float) (random.nextGaussian() * sd);
            }
        }
        return new FaceStatistics(mean, directions, dimension, FALLBACK_DIRECTIONS, FALLBACK_ISOTROPIC_SHARE);
    }

    /** Mean squared norm per dimension of the directional part: the scale of the isotropic augmentation. */
    double variancePerDimension() {
        double sum = 0;
        for (float x : directions) {
            sum += (double) x * x;
        }
        return sum / dimension;
    }
}
