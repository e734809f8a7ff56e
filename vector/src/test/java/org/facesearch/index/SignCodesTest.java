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
    void encodesTheSignsOfTheResidualAndReturnsItsNorm() {
        SignCodes codes = new SignCodes(64);
        float[] rotated = new float[64];
        float[] centroid = new float[64];
        rotated[0] = 3;
        rotated[63] = 4;
        centroid[1] = 0.5f;
        long[] code = new long[1];
        float norm = codes.encode(rotated, centroid, code, 0);
        assertEquals(Math.sqrt(9 + 16 + 0.25), norm, 1e-6);
        assertArrayEquals(new long[] {1L | 1L << 63}, code);
    }

    @Test
    void estimatesDistancesWithinAFewPercentOnAverageAt1024Dimensions() {
        int dimension = 1024;
        SignCodes codes = new SignCodes(dimension);
        SplittableRandom random = new SplittableRandom(2);
        float[] centroid = new float[codes.padded()];
        double worstRelativeError = 0;
        double sumRelativeError = 0;
        for (int pair = 0; pair < 200; pair++) {
            float[] x = gaussian(random, dimension);
            float[] q = gaussian(random, dimension);
            // correlated pairs, from near duplicates to unrelated
            float mix = pair / 200f;
            for (int d = 0; d < dimension; d++) {
                q[d] = mix * q[d] + (1 - mix) * x[d];
            }
            long[] xCode = new long[codes.words()];
            long[] qCode = new long[codes.words()];
            float xNorm = codes.encode(codes.rotate(x, 0), centroid, xCode, 0);
            float qNorm = codes.encode(codes.rotate(q, 0), centroid, qCode, 0);
            float estimate = codes.estimate(qNorm, xNorm, VectorMath.hamming(qCode, 0, xCode, 0, codes.words()));
            float exact = VectorMath.squaredL2(q, 0, x, 0, dimension);
            double error = Math.abs(estimate - exact) / (qNorm * qNorm + xNorm * xNorm);
            worstRelativeError = Math.max(worstRelativeError, error);
            sumRelativeError += error;
        }
        assertTrue(sumRelativeError / 200 < 0.04, "mean error " + sumRelativeError / 200);
        assertTrue(worstRelativeError < 0.2, "worst error " + worstRelativeError);
    }

    private static float[] gaussian(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
