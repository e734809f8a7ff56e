package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.Test;

class LookupQueryTest {
    @Test
    void theShuffledTableSumsEqualTheSumsOfTheDefinition() {
        SplittableRandom random = new SplittableRandom(4);
        // 4,096: the widest code allowed, whose sums may need all 16 bits of a lane
        for (int dimension : new int[] {64, 1024, 4096}) {
            SignCodes signCodes = new SignCodes(dimension);
            int words = signCodes.words();
            for (int query = 0; query < 20; query++) {
                float[] centroid = signCodes.rotate(gaussian(random, dimension), 0);
                float[] rotatedQuery = signCodes.rotate(gaussian(random, dimension), 0);
                LookupQuery lookup = new LookupQuery(words);
                lookup.prepare(rotatedQuery, centroid);
                long[] codes = new long[CodeBlocks.BLOCK * words];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = random.nextLong();
                }
                byte[] blocks = new byte[CodeBlocks.bytes(CodeBlocks.BLOCK, words)];
                int[] expected = new int[CodeBlocks.BLOCK];
                for (int face = 0; face < CodeBlocks.BLOCK; face++) {
                    CodeBlocks.put(codes, face * words, words, blocks, face);
                    expected[face] = referenceSum(rotatedQuery, centroid, codes, face * words, signCodes.padded());
                }
                int[] sums = new int[CodeBlocks.BLOCK];
                lookup.sums(blocks, 0, sums);
                assertArrayEquals(expected, sums, dimension + "-d, query " + query);
            }
        }
    }

    @Test
    void refusesCodesWhoseSumsCouldOverflowSixteenBits() {
        new LookupQuery(LookupQuery.MAX_WORDS);
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> new LookupQuery(LookupQuery.MAX_WORDS + 1));
        assertTrue(wide.getMessage().contains("4,096 dimensions"), wide.getMessage());
    }

    @Test
    void estimatesDistancesWithinAFewPercentAt1024Dimensions() {
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
            byte[] blocks = new byte[CodeBlocks.bytes(1, codes.words())];
            CodeBlocks.put(xCode, 0, codes.words(), blocks, 0);
            float[] rotatedQuery = codes.rotate(q, 0);
            LookupQuery lookup = new LookupQuery(codes.words());
            lookup.prepare(rotatedQuery, centroid);
            int[] sums = new int[CodeBlocks.BLOCK];
            lookup.sums(blocks, 0, sums);
            float[] blockScalars = new float[ScalarBlocks.length(1)];
            ScalarBlocks.put(blockScalars, 0, scalars[0], scalars[1]);
            float[] estimates = new float[CodeBlocks.BLOCK];
            assertEquals(1, lookup.below(sums, blockScalars, 0, Float.POSITIVE_INFINITY, estimates) & 1);
            float estimate = estimates[0];
            float exact = VectorMath.squaredL2(q, 0, x, 0, dimension);
            double scale = scalars[0] * scalars[0] + VectorMath.squaredL2(rotatedQuery, 0, centroid, 0, codes.padded());
            double error = (estimate - exact) / scale;
            worstRelativeError = Math.max(worstRelativeError, Math.abs(error));
            sumRelativeError += Math.abs(error);
            sumSignedError += error;
        }
        // the Hamming-angle estimate of the first codes: mean 0.04, worst 0.2 on the same kind of pairs; the 4-bit
        // query that followed: under 0.02 and 0.06
        assertTrue(sumRelativeError / 200 < 0.02, "mean error " + sumRelativeError / 200);
        assertTrue(worstRelativeError < 0.06, "worst error " + worstRelativeError);
        assertTrue(Math.abs(sumSignedError / 200) < 0.01, "bias " + sumSignedError / 200);
    }

    @Test
    void belowGivesEachFaceTheFormulasEstimateAndMarksThoseUnderTheThreshold() {
        SplittableRandom random = new SplittableRandom(6);
        int dimension = 1024;
        SignCodes signCodes = new SignCodes(dimension);
        int words = signCodes.words();
        int padded = signCodes.padded();
        float[] centroid = signCodes.rotate(gaussian(random, dimension), 0);
        float[] rotatedQuery = signCodes.rotate(gaussian(random, dimension), 0);
        LookupQuery lookup = new LookupQuery(words);
        lookup.prepare(rotatedQuery, centroid);
        // two blocks, so the second's scalars sit at an offset
        float[] scalars = new float[ScalarBlocks.length(2 * CodeBlocks.BLOCK)];
        int[] sums = new int[CodeBlocks.BLOCK];
        for (int j = 0; j < sums.length; j++) {
            sums[j] = random.nextInt(2_000, 6_000);
            ScalarBlocks.put(scalars, CodeBlocks.BLOCK + j, (float) random.nextDouble(0.5, 1.5),
                    (float) random.nextDouble(0.6, 0.9));
        }
        double[] expected = new double[sums.length];
        for (int j = 0; j < sums.length; j++) {
            expected[j] = referenceEstimate(rotatedQuery, centroid, padded, sums[j],
                    ScalarBlocks.norm(scalars, CodeBlocks.BLOCK + j), ScalarBlocks.factor(scalars, CodeBlocks.BLOCK + j));
        }
        double[] sorted = expected.clone();
        java.util.Arrays.sort(sorted);
        float threshold = (float) sorted[sorted.length / 2];
        float[] estimates = new float[CodeBlocks.BLOCK];
        long below = lookup.below(sums, scalars, ScalarBlocks.blockAt(1), threshold, estimates);
        for (int j = 0; j < sums.length; j++) {
            assertEquals(expected[j], estimates[j], 1e-4 * Math.abs(expected[j]) + 1e-4, "face " + j);
            assertEquals(estimates[j] <= threshold, (below >>> j & 1) == 1, "face " + j);
        }
        int marked = Long.bitCount(below);
        assertTrue(marked >= 14 && marked <= 18, marked + " of 32 marked at the median");
        // a block's unused positions hold zeros: never below, whatever the threshold
        float[] empty = new float[ScalarBlocks.length(1)];
        assertEquals(0L, lookup.below(sums, empty, 0, Float.POSITIVE_INFINITY, estimates));
    }

    /** The class comment's estimate in doubles, from a table sum and a face's scalars. */
    private static double referenceEstimate(float[] rotatedQuery, float[] centroid, int padded, int sum, float norm,
            float factor) {
        double widest = 0;
        double squared = 0;
        for (int g = 0; g < padded / 4; g++) {
            double range = 0;
            for (int i = 4 * g; i < 4 * g + 4; i++) {
                double r = rotatedQuery[i] - centroid[i];
                range += Math.abs(r);
                squared += r * r;
            }
            widest = Math.max(widest, range);
        }
        int levelSum = 0;
        for (int i = 0; i < padded; i++) {
            levelSum += Math.abs((int) ((rotatedQuery[i] - centroid[i]) * (float) (LookupQuery.GROUP_RANGE / widest)
                    + 64.5f) - 64);
        }
        double dot = widest / LookupQuery.GROUP_RANGE * (2 * sum - levelSum) / Math.sqrt(padded);
        return norm * norm + squared - 2 * norm * dot / factor;
    }

    /** The class comment's sum, the slow way: quantise every component, add its level where the face's sign says. */
    private static int referenceSum(float[] rotatedQuery, float[] centroid, long[] codes, int offset, int padded) {
        float widest = 0;
        for (int g = 0; g < padded / 4; g++) {
            float range = 0;
            for (int i = 4 * g; i < 4 * g + 4; i++) {
                range += Math.abs(rotatedQuery[i] - centroid[i]);
            }
            widest = Math.max(widest, range);
        }
        int sum = 0;
        for (int i = 0; i < padded; i++) {
            // round half up, as the class computes it: truncation after an offset that keeps the value positive
            int level = (int) ((rotatedQuery[i] - centroid[i]) * (LookupQuery.GROUP_RANGE / widest) + 64.5f) - 64;
            boolean set = (codes[offset + i / 64] >>> (i % 64) & 1) == 1;
            sum += set ? Math.max(level, 0) : Math.max(-level, 0);
        }
        return sum;
    }

    private static float[] gaussian(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
