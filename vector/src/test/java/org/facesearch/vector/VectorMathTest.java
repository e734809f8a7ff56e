package org.facesearch.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    /** Dimensions around the vector widths (8 and 16 lanes, x4 unrolled) and the two real models. */
    private static final int[] DIMENSIONS = {1, 3, 7, 8, 15, 16, 17, 31, 63, 64, 65, 127, 128, 255, 256, 257, 1024};

    @Test
    void floatKernelsMatchScalarReferenceAtOffsets() {
        SplittableRandom random = new SplittableRandom(1);
        for (int dimension : DIMENSIONS) {
            float[] a = gaussian(random, dimension * 3 + 5);
            float[] b = gaussian(random, dimension * 2 + 3);
            int aOff = dimension + 5;
            int bOff = 3;
            double l2 = ScalarMath.squaredL2(a, aOff, b, bOff, dimension);
            double dot = ScalarMath.dot(a, aOff, b, bOff, dimension);
            assertEquals(l2, VectorMath.squaredL2(a, aOff, b, bOff, dimension), 1e-5 * (1 + l2), "l2 d=" + dimension);
            assertEquals(dot, VectorMath.dot(a, aOff, b, bOff, dimension), 1e-5 * (1 + Math.abs(l2)), "dot d=" + dimension);
        }
    }

    @Test
    void tileEqualsOnePairAtATimeBitForBit() {
        SplittableRandom random = new SplittableRandom(4);
        for (int dimension : DIMENSIONS) {
            int rowCount = 5;   // two micro-kernel row pairs and an odd row
            int tileCount = 11; // two micro-kernel quads and three left over
            float[] a = gaussian(random, (rowCount + 2) * dimension + 3);
            float[] b = gaussian(random, (tileCount + 3) * dimension + 1);
            int[] rows = {3 + 6 * dimension, 3, 3 + 2 * dimension, 3 + dimension, 3 + 4 * dimension};
            int[] tile = new int[tileCount];
            for (int t = 0; t < tileCount; t++) {
                tile[t] = 1 + ((t * 5) % (tileCount + 3)) * dimension;
            }
            float[] out = new float[rowCount * tileCount];
            VectorMath.squaredL2Tile(a, rows, rowCount, b, tile, tileCount, dimension, out);
            for (int r = 0; r < rowCount; r++) {
                for (int t = 0; t < tileCount; t++) {
                    float expected = VectorMath.squaredL2(a, rows[r], b, tile[t], dimension);
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[r * tileCount + t]),
                            "d=" + dimension + " row " + r + " tile " + t);
                    double reference = ScalarMath.squaredL2(a, rows[r], b, tile[t], dimension);
                    assertEquals(reference, out[r * tileCount + t], 1e-5 * (1 + reference), "d=" + dimension);
                }
            }
        }
    }

    @Test
    void identicalVectorsAreAtDistanceZero() {
        float[] v = gaussian(new SplittableRandom(2), 1024);
        assertEquals(0f, VectorMath.squaredL2(v, 0, v.clone(), 0, 1024));
    }

    @Test
    void int8KernelIsExact() {
        SplittableRandom random = new SplittableRandom(3);
        for (int dimension : DIMENSIONS) {
            byte[] a = new byte[dimension + 9];
            byte[] b = new byte[dimension + 2];
            random.nextBytes(a);
            random.nextBytes(b);
            // the extremes: -128 vs 127 is the largest term
            a[9] = Byte.MIN_VALUE;
            b[2] = Byte.MAX_VALUE;
            assertEquals(ScalarMath.squaredL2(a, 9, b, 2, dimension), VectorMath.squaredL2(a, 9, b, 2, dimension),
                    "d=" + dimension);
        }
    }

    @Test
    void hammingCountsDifferingBitsAtOffsets() {
        long[] a = {0, -1L, 0b1011L, Long.MIN_VALUE};
        long[] b = {7, 0, 0b0110L, 1L};
        assertEquals(64 + 3 + 2, VectorMath.hamming(a, 1, b, 1, 3));
        assertEquals(0, VectorMath.hamming(a, 0, a, 0, 4));
        assertEquals(Long.bitCount(0b1011L ^ 7), VectorMath.hamming(a, 2, b, 0, 1));
    }

    @Test
    void memorySegmentKernelReadsLittleEndianFloats() {
        SplittableRandom random = new SplittableRandom(4);
        try (Arena arena = Arena.ofConfined()) {
            for (int dimension : DIMENSIONS) {
                float[] stored = gaussian(random, dimension);
                float[] query = gaussian(random, dimension + 1);
                long byteOffset = 12;
                MemorySegment segment = arena.allocate(byteOffset + (long) dimension * Float.BYTES);
                for (int i = 0; i < dimension; i++) {
                    segment.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                            byteOffset + 4L * i, stored[i]);
                }
                double expected = ScalarMath.squaredL2(query, 1, stored, 0, dimension);
                assertEquals(expected, VectorMath.squaredL2(query, 1, segment, byteOffset, dimension),
                        1e-5 * (1 + expected), "d=" + dimension);
                assertEquals(VectorMath.squaredL2(query, 1, stored, 0, dimension),
                        VectorMath.squaredL2(query, 1, segment, byteOffset, dimension), 0f,
                        "d=" + dimension + ": the same bits as the array kernel");
            }
        }
    }

    static float[] gaussian(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
