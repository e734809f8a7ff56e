package org.facesearch.bench.index;

import java.util.Arrays;

/**
 * Scalar quantisation of float vectors to int8 codes with one uniform step for all dimensions:
 * {@code code = clamp(round((x - low) / step), 0, 255) - 128}.
 *
 * <p>One step for every dimension (not one per dimension, as FAISS's SQ8 does) keeps the code space an exact
 * scaled copy of L2 space: {@code |a - b|² ≈ step² * |codeA - codeB|²}, so the int8 kernel ranks candidates by
 * the true metric up to rounding. The range is fitted on a sample at the 0.01% and 99.99% quantiles of all
 * values; values outside are clamped (they are rare and the exact re-rank repairs the order). For face
 * vectors, non-negative with small components, a step is about 1/255 of the largest component, and the
 * rounding noise in a squared distance is far below the gap between neighbours, which is why an exact
 * re-rank of a few hundred candidates restores recall.
 */
public record ScalarQuantizer(float low, float step) {
    private static final double LOW_QUANTILE = 0.0001;
    private static final double HIGH_QUANTILE = 0.9999;

    public ScalarQuantizer {
        if (!(step > 0) || !Float.isFinite(low)) {
            throw new IllegalArgumentException("low " + low + ", step " + step);
        }
    }

    /** Fits the range to the values of {@code count} contiguous vectors (pass a sample, e.g. 10,000 vectors). */
    public static ScalarQuantizer fit(float[] vectors, int count, int dimension) {
        float[] values = Arrays.copyOf(vectors, count * dimension);
        Arrays.sort(values);
        float low = values[(int) (LOW_QUANTILE * (values.length - 1))];
        float high = values[(int) (HIGH_QUANTILE * (values.length - 1))];
        return new ScalarQuantizer(low, Math.max(high - low, Float.MIN_NORMAL) / 255f);
    }

    /** Encodes {@code vector[offset..offset+dimension)} into {@code codes[codeOffset..)}. */
    public void encode(float[] vector, int offset, byte[] codes, int codeOffset, int dimension) {
        float inverse = 1f / step;
        for (int i = 0; i < dimension; i++) {
            int q = Math.round((vector[offset + i] - low) * inverse);
            codes[codeOffset + i] = (byte) (Math.clamp(q, 0, 255) - 128);
        }
    }

    public byte[] encode(float[] vector) {
        byte[] codes = new byte[vector.length];
        encode(vector, 0, codes, 0, vector.length);
        return codes;
    }

    /** Factor from a squared code distance to an (approximate) squared L2 distance. */
    public float squaredStep() {
        return step * step;
    }
}
