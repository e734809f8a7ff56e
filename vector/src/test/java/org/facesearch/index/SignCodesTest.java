package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.Test;

class SignCodesTest {
    @Test
    void padsToAPowerOfTwoOfAtLeast64() {
        assertEquals(64, new SignCodes(1).padded());
        assertEquals(64, new SignCodes(64).padded());
        assertEquals(128, new SignCodes(65).padded());
        assertEquals(1024, new SignCodes(1024).padded());
        assertEquals(16, new SignCodes(1000).words());
    }

    @Test
    void rotationKeepsDistancesAndSpreadsAnAxisOverEveryComponent() {
        SignCodes codes = new SignCodes(100);
        SplittableRandom random = new SplittableRandom(1);
        float[] a = gaussian(random, 100);
        float[] b = gaussian(random, 100);
        float[] ra = codes.rotate(a, 0);
        float[] rb = codes.rotate(b, 0);
        assertEquals(VectorMath.squaredL2(a, 0, b, 0, 100), VectorMath.squaredL2(ra, 0, rb, 0, 128), 1e-3);
        float[] axis = new float[100];
        axis[7] = 1;
        for (float component : codes.rotate(axis, 0)) {
            assertEquals(1 / Math.sqrt(128), Math.abs(component), 1e-6);
        }
    }

    @Test
    void encodesTheSignsOfTheResidualItsNormAndFactor() {
        SignCodes codes = new SignCodes(64);
        float[] rotated = new float[64];
        float[] centroid = new float[64];
        rotated[0] = 3;
        rotated[63] = 4;
        centroid[1] = 0.5f;
        long[] code = new long[1];
        float[] scalars = new float[3];
        codes.encode(rotated, centroid, code, 0, scalars, 1);
        double norm = Math.sqrt(9 + 16 + 0.25);
        assertEquals(norm, scalars[1], 1e-6);
        assertEquals((3 + 4 + 0.5) / (norm * 8), scalars[2], 1e-6);
        assertArrayEquals(new long[] {1L | 1L << 63}, code);
    }

    @Test
    void estimatesDistancesWithinAFewPercentAt1024DimensionsFromA4BitQuery() {
        int dimension = 1024;
        SignCodes codes = new SignCodes(dimension);
        SplittableRandom random = new SplittableRandom(2);
        float[] centroid = codes.rotate(gaussian(random, dimension), 0);
        double worstRelativeError = 0;
        double sumRelativeError = 0;
        double sumSignedError = 0;
        for (int pair = 0; pair < 200; pair++) {
            float[] x = gaussian(random, dimension);
            float[] q = gaussian(random, dimension);
            // correlated pairs, from near duplicates to unrelated
            float mix = pair / 200f;
            for (int d = 0; d < dimension; d++) {
                q[d] = mix * q[d] + (1 - mix) * x[d];
            }
            long[] xCode = new long[codes.words()];
            float[] scalars = new float[2];
            codes.encode(codes.rotate(x, 0), centroid, xCode, 0, scalars, 0);
            float[] rotatedQuery = codes.rotate(q, 0);
            float estimate = new QuantizedQuery(rotatedQuery, centroid, codes.words())
                    .estimate(xCode, 0, scalars[0], scalars[1]);
            float exact = VectorMath.squaredL2(q, 0, x, 0, dimension);
            double scale = scalars[0] * scalars[0] + VectorMath.squaredL2(rotatedQuery, 0, centroid, 0, codes.padded());
            double error = (estimate - exact) / scale;
            worstRelativeError = Math.max(worstRelativeError, Math.abs(error));
            sumRelativeError += Math.abs(error);
            sumSignedError += error;
        }
        // the Hamming-angle estimate this replaced: mean 0.04, worst 0.2 on the same kind of pairs
        assertTrue(sumRelativeError / 200 < 0.02, "mean error " + sumRelativeError / 200);
        assertTrue(worstRelativeError < 0.06, "worst error " + worstRelativeError);
        assertTrue(Math.abs(sumSignedError / 200) < 0.01, "bias " + sumSignedError / 200);
    }

    @Test
    void theVectorisedEstimateEqualsTheScalarOne() {
        // 64-d: one word, not a whole number of 512-bit vectors, so the scalar path runs; 1024-d: the vector path
        SplittableRandom random = new SplittableRandom(3);
        SignCodes small = new SignCodes(64);
        SignCodes large = new SignCodes(512 + 1);
        for (SignCodes codes : new SignCodes[] {small, large}) {
            float[] centroid = codes.rotate(gaussian(random, codes.dimension()), 0);
            float[] x = gaussian(random, codes.dimension());
            long[] code = new long[codes.words()];
            float[] scalars = new float[2];
            codes.encode(codes.rotate(x, 0), centroid, code, 0, scalars, 0);
            float[] rotatedQuery = codes.rotate(gaussian(random, codes.dimension()), 0);
            float estimate = new QuantizedQuery(rotatedQuery, centroid, codes.words()).estimate(code, 0, scalars[0], scalars[1]);
            assertEquals(referenceEstimate(rotatedQuery, centroid, code, scalars, codes.padded()), estimate,
                    1e-4 * Math.abs(estimate));
        }
    }

    /** The estimate computed the slow way: quantise every query component, sum the signed levels. */
    private static double referenceEstimate(float[] rotatedQuery, float[] centroid, long[] code, float[] scalars, int padded) {
        float[] residual = new float[padded];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double squared = 0;
        for (int i = 0; i < padded; i++) {
            residual[i] = rotatedQuery[i] - centroid[i];
            min = Math.min(min, residual[i]);
            max = Math.max(max, residual[i]);
            squared += residual[i] * residual[i];
        }
        float step = (max - min) / 15;
        double dot = 0;
        for (int i = 0; i < padded; i++) {
            double quantised = min + step * Math.round((residual[i] - min) / step);
            double sign = (code[i / 64] >>> (i % 64) & 1) == 1 ? 1 : -1;
            dot += sign * quantised / Math.sqrt(padded);
        }
        return scalars[0] * scalars[0] + squared - 2 * scalars[0] * dot / scalars[1];
    }

    private static float[] gaussian(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
