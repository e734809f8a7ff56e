package org.facesearch.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.facesearch.vector.VectorCodec;
import org.facesearch.vector.VectorMath;

/**
 * Draws face-like embeddings: identities and their photos, shaped like the vectors of a real face model.
 *
 * <p>Why: isotropic random vectors make strangers orthogonal (cosine ~0) and have no dominant directions; an
 * ANN index behaves very differently on them than on face embeddings, where strangers sit at cosine ~0.41 in a
 * narrow non-negative cone and a few directions carry most variance (see DESIGN.md, Measurement).
 *
 * <p>Model, before the model's own post-processing:
 * <pre>
 *   centre(identity) = mean + alpha * (sum_j z_j * direction_j + iso * g)            z, g ~ N(0, 1)
 *   photo(identity)  = centre + beta * (0.5 * sum_j z'_j * direction_j + iso * g')   fresh z', g' per photo
 *   vector           = normalise(max(photo, 0))                                       like faceres' output
 * </pre>
 * where {@code iso} makes the isotropic augmentation a share of the variance ({@link FaceStatistics#isotropicShare}),
 * so the distribution is full rank. That share was chosen by measurement against the real percentiles: with 50% the fallback statistics give
 * strangers 0.40 (95th percentile 0.53) and same person 0.79 (5th percentile 0.71), close to faceres' 0.41
 * (0.54) and 0.79 (0.67); with 10% the spreads were far too wide (0.66 and 0.57), because fewer effective
 * directions make cosines vary more. Real seeds ({@link FaceStatistics#fromSeeds}) need only 5% (see there). The share of exact zeros comes out higher than faceres' 30% (about 44%). {@link #calibrated} picks {@code alpha} (stranger similarity) and {@code beta}
 * (same-person similarity) by bisection so that the mean stranger cosine and same-person cosine match targets;
 * {@link #measure} reports what was achieved, including percentiles and the share of exact zeros.
 *
 * <p>Deterministic: every identity and every photo has its own random stream derived from the seed, so a face
 * can be regenerated on its own (a query photo of identity {@code i} is photo number {@code >= 20} of
 * {@code i}, never one of the stored ones). Each identity has 1 to 20 stored photos, uniformly.
 */
public final class FaceLikeGenerator {
    /** Photos per identity are 1..MAX_PHOTOS; photo numbers from MAX_PHOTOS on are never stored. */
    public static final int MAX_PHOTOS = 20;
    private static final int CALIBRATION_IDENTITIES = 400;
    private static final long CALIBRATION_SEED = 0x5EEDL;

    private final FaceStatistics statistics;
    private final long seed;
    private final double alpha;
    private final double beta;
    private final float iso;

    public FaceLikeGenerator(FaceStatistics statistics, long seed, double alpha, double beta) {
        this.statistics = statistics;
        this.seed = seed;
        this.alpha = alpha;
        this.beta = beta;
        this.iso = (float) Math.sqrt(statistics.isotropicShare() / (1 - statistics.isotropicShare())
                * statistics.variancePerDimension());
    }

    /** A generator whose mean stranger and same-person cosines match the targets (e.g. 0.41 and 0.79). */
    public static FaceLikeGenerator calibrated(FaceStatistics statistics, long seed, double strangerCosine,
            double samePersonCosine) {
        double alpha = 1;
        double beta = 1;
        for (int round = 0; round < 3; round++) {
            double b = beta;
            alpha = bisect(a -> new FaceLikeGenerator(statistics, CALIBRATION_SEED, a, b)
                    .measure(CALIBRATION_IDENTITIES).strangerMean(), strangerCosine);
            double a = alpha;
            beta = bisect(x -> new FaceLikeGenerator(statistics, CALIBRATION_SEED, a, x)
                    .measure(CALIBRATION_IDENTITIES).samePersonMean(), samePersonCosine);
        }
        return new FaceLikeGenerator(statistics, seed, alpha, beta);
    }

    /** Finds x in [1e-3, 1e3] (log scale) where the decreasing function f reaches target. */
    private static double bisect(DoubleUnaryOperator f, double target) {
        double low = Math.log(1e-3);
        double high = Math.log(1e3);
        for (int i = 0; i < 18; i++) {
            double mid = (low + high) / 2;
            if (f.applyAsDouble(Math.exp(mid)) > target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return Math.exp((low + high) / 2);
    }

    public int dimension() {
        return statistics.dimension();
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    /** Number of stored photos of {@code identity}: 1..{@value #MAX_PHOTOS}. */
    public int photosOf(long identity) {
        return 1 + new SplittableRandom(mix(seed, identity, -1)).nextInt(MAX_PHOTOS);
    }

    /** The pre-activation centre of {@code identity} into {@code centre} (length = dimension). */
    public void centre(long identity, float[] centre) {
        SplittableRandom random = new SplittableRandom(mix(seed, identity, -2));
        combine(statistics.mean(), (float) alpha, 1f, random, centre);
    }

    /** Photo {@code photo} of the identity with this {@code centre}: clipped at 0, L2-normalised. */
    public void photo(float[] centre, long identity, int photo, float[] target, int offset) {
        SplittableRandom random = new SplittableRandom(mix(seed, identity, photo));
        float[] vector = new float[dimension()];
        combine(centre, (float) beta, 0.5f, random, vector);
        for (int d = 0; d < vector.length; d++) {
            vector[d] = Math.max(vector[d], 0f);
        }
        VectorCodec.normalize(vector);
        System.arraycopy(vector, 0, target, offset, vector.length);
    }

    /** out = base + scale * (directional * sum_j z_j direction_j + iso * g). */
    private void combine(float[] base, float scale, float directional, SplittableRandom random, float[] out) {
        int dimension = dimension();
        float[] directions = statistics.directions();
        System.arraycopy(base, 0, out, 0, dimension);
        for (int j = 0; j < statistics.directionCount(); j++) {
            float z = (float) random.nextGaussian() * scale * directional;
            int from = j * dimension;
            for (int d = 0; d < dimension; d++) {
                out[d] += z * directions[from + d];
            }
        }
        float isotropic = scale * iso;
        for (int d = 0; d < dimension; d++) {
            out[d] += (float) random.nextGaussian() * isotropic;
        }
    }

    /** Stranger and same-person cosines over {@code identities} identities (photos 0 and 1 of each). */
    public Similarity measure(int identities) {
        int dimension = dimension();
        float[] first = new float[identities * dimension];
        float[] second = new float[identities * dimension];
        float[] centre = new float[dimension];
        for (int i = 0; i < identities; i++) {
            centre(i, centre);
            photo(centre, i, MAX_PHOTOS, first, i * dimension);
            photo(centre, i, MAX_PHOTOS + 1, second, i * dimension);
        }
        double[] same = new double[identities];
        double[] strangers = new double[identities];
        long zeros = 0;
        for (int i = 0; i < identities; i++) {
            same[i] = VectorMath.dot(first, i * dimension, second, i * dimension, dimension);
            strangers[i] = VectorMath.dot(first, i * dimension, second, ((i + 1) % identities) * dimension, dimension);
        }
        for (float x : first) {
            zeros += x == 0f ? 1 : 0;
        }
        return new Similarity(mean(strangers), percentile(strangers, 0.95), mean(same), percentile(same, 0.05),
                (double) zeros / first.length);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }

    /** fmix64 of the three inputs: independent streams per (seed, identity, photo). */
    private static long mix(long seed, long identity, long photo) {
        long h = seed * 0x9E3779B97F4A7C15L + identity * 0xC2B2AE3D27D4EB4FL + photo * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Achieved similarities: mean and 95th percentile of stranger cosines, mean and 5th percentile of
     * same-person cosines, and the share of components that are exactly zero.
     */
    public record Similarity(double strangerMean, double stranger95, double samePersonMean, double samePerson5,
            double zeroShare) {
        @Override
        public String toString() {
            return String.format("strangers cos %.3f (95th pct %.3f), same person cos %.3f (5th pct %.3f), zeros %.1f%%",
                    strangerMean, stranger95, samePersonMean, samePerson5, 100 * zeroShare);
        }
    }
}
