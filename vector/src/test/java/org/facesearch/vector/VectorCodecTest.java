package org.facesearch.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class VectorCodecTest {
    @Test
    void encodesLittleEndianFloat32() {
        byte[] blob = VectorCodec.encode(new float[] {1.0f, -2.5f});
        // 1.0f = 0x3F800000, -2.5f = 0xC0200000, least significant byte first
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}, blob);
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
}
