package org.facesearch.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorCodecTest {
    @Test
    void encodesLittleEndianFloat32() {
        byte[] blob = VectorCodec.encode(new float[] {1.0f, -2.5f});
        // 1.0f = 0x3F800000, -2.5f = 0xC0200000, least significant byte first
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}, blob);
        assertArrayEquals(blob, VectorCodec.float32(new float[] {1.0f, -2.5f}));
    }

    @Test
    void encodesMostlyZeroVectorsSparse() {
        float[] v = new float[40];
        v[1] = 1.0f;
        v[33] = -2.5f;
        v[39] = -0f;  // not +0.0: kept, so that it reads back with its sign
        byte[] blob = VectorCodec.encode(v);
        assertArrayEquals(new byte[] {
                40, 0,                                  // dimension
                2, 0, 0, 0, (byte) 0x82, 0, 0, 0,       // bitmap: component 1; components 33 and 39
                0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0, 0, 0, 0, (byte) 0x80}, blob);
        assertEquals(40, VectorCodec.dimensionOf(blob));
        assertArrayEquals(VectorCodec.sparsePrefix(40), Arrays.copyOf(blob, 2));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(VectorCodec.decode(blob)[39]));
    }

    @Test
    void picksTheShorterEncodingAndRoundTripsBitExactFromFloatsAndFromRows() {
        SplittableRandom random = new SplittableRandom(7);
        for (int dimension : new int[] {1, 31, 32, 33, 512, 1024}) {
            for (double zeros : new double[] {0, 0.02, 0.33, 0.9, 1}) {
                float[] v = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    v[d] = random.nextDouble() < zeros ? 0f : (float) random.nextGaussian();
                }
                v[random.nextInt(dimension)] = Float.NaN;
                byte[] blob = VectorCodec.encode(v);
                byte[] float32 = VectorCodec.float32(v);
                assertTrue(blob.length <= float32.length, "never longer than float32");
                assertArrayEquals(blob, VectorCodec.encode(rowAt(3, float32), 3, dimension), "from a file's row");
                float[] target = new float[dimension + 2];
                Arrays.fill(target, 9f);  // a reused buffer: the zeros must be written too
                VectorCodec.decode(blob, target, 1);
                assertEquals(9f, target[0]);
                assertEquals(9f, target[dimension + 1]);
                for (int d = 0; d < dimension; d++) {
                    assertEquals(Float.floatToRawIntBits(v[d]), Float.floatToRawIntBits(target[1 + d]), dimension + "-d, component " + d);
                }
            }
        }
        float[] dense = new float[1024];
        Arrays.fill(dense, 0.03125f);
        assertEquals(4096, VectorCodec.encode(dense).length, "no zeros: float32");
        dense[5] = 0;
        dense[700] = 0;
        assertEquals(4096, VectorCodec.encode(dense).length, "two zeros do not pay for the bitmap");
    }

    @Test
    void refusesSparseBlobsThatDoNotMatchTheirBitmap() {
        float[] v = new float[64];
        v[3] = 0.5f;
        v[60] = 0.25f;
        byte[] blob = VectorCodec.encode(v);
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(Arrays.copyOf(blob, blob.length - 4)), "a value missing");
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(Arrays.copyOf(blob, blob.length + 4)), "a value too many");
        byte[] beyond = blob.clone();
        beyond[0] = 50;  // component 60 is beyond a dimension of 50
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(beyond));
        // a bitmap with bits past the dimension and a value for each: refused without writing past the vector's range
        byte[] overfull = new byte[2 + 8 + 64 * Float.BYTES];
        overfull[0] = 40;
        Arrays.fill(overfull, 2, 10, (byte) -1);
        float[] target = new float[80];
        Arrays.fill(target, 9f);
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(overfull, target, 20));
        for (int i = 0; i < target.length; i++) {
            if (i < 20 || i >= 60) assertEquals(9f, target[i], "outside the range, index " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.dimensionOf(new byte[] {64, 0}), "no room for the bitmap");
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.dimensionOf(new byte[] {0, 0, 0, 0, 0, 0}), "dimension 0");
    }

    @Test
    void roundTripsExactlyIncludingSpecialValues() {
        float[] v = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, 0.123456789f, -1e-30f, Float.NaN};
        float[] back = VectorCodec.decode(VectorCodec.encode(v));
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]), "component " + i);
        }
    }

    @Test
    void decodesWhatNumpyWrites() {
        ByteBuffer buffer = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putFloat(0.25f).putFloat(3f).putFloat(-7f);
        float[] target = new float[5];
        VectorCodec.decode(buffer.array(), target, 2);
        assertArrayEquals(new float[] {0, 0, 0.25f, 3f, -7f}, target);
    }

    @Test
    void refusesTruncatedBlob() {
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(new byte[7]));
    }

    @Test
    void normalisesToUnitLengthKeepingDirection() {
        float[] v = VectorCodec.normalize(new float[] {3f, 0f, 4f});
        assertArrayEquals(new float[] {0.6f, 0f, 0.8f}, v, 1e-7f);
        assertEquals(1.0, VectorMath.dot(v, 0, v, 0, 3), 1e-6);
    }

    @Test
    void refusesZeroVector() {
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.normalize(new float[4]));
    }

    private static byte[] rowAt(int offset, byte[] row) {
        byte[] rows = new byte[offset + row.length + 5];
        System.arraycopy(row, 0, rows, offset, row.length);
        return rows;
    }
}
