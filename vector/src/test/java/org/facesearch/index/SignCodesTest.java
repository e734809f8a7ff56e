package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static float[] gaussian(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
