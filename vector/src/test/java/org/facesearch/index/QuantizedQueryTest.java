package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API quantising of a query against its scalar twin (the estimate itself: {@link SignCodesTest}). */
class QuantizedQueryTest {
    @Test
    void theVectorisedQuantisingGivesTheScalarTwinsLevels() {
        SplittableRandom random = new SplittableRandom(4);
        for (int dimension : new int[] {64, 1024}) {
            SignCodes codes = new SignCodes(dimension);
            for (int query = 0; query < 50; query++) {
                float[] centroid = codes.rotate(gaussian(random, dimension), 0);
                float[] rotatedQuery = codes.rotate(gaussian(random, dimension), 0);
                QuantizedQuery vectorised = new QuantizedQuery(rotatedQuery, centroid, codes.words(), true);
                QuantizedQuery scalar = new QuantizedQuery(rotatedQuery, centroid, codes.words(), false);
                for (int face = 0; face < 20; face++) {
                    long[] code = new long[codes.words()];
                    float[] scalars = new float[2];
                    codes.encode(codes.rotate(gaussian(random, dimension), 0), centroid, code, 0, scalars, 0);
                    float expected = scalar.estimate(code, 0, scalars[0], scalars[1]);
                    // one level apart in one component moves the estimate by ~4e-4 of it; summing order by ~1e-7
                    assertEquals(expected, vectorised.estimate(code, 0, scalars[0], scalars[1]), 1e-5 * Math.abs(expected),
                            dimension + "-d, query " + query + ", face " + face);
                }
            }
        }
    }

    private static float[] gaussian(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
