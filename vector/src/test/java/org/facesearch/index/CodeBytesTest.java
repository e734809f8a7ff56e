package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeBytesTest {
    @Test
    void aCodeRoundTripsBitExactThroughItsStoredBytes() {
        int words = 16;
        long[] codes = new long[3 * words];
        float[] scalars = new float[6];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = 0x9E3779B97F4A7C15L * (i + 1);
        }
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = 0.1f * (i + 1);
        }
        byte[] stored = CodeBytes.pack(codes, scalars, 1, words);
        assertEquals(136, stored.length);
        assertEquals((byte) codes[words], stored[0], "little-endian: lowest byte of the first word first");
        long[] readCodes = new long[2 * words];
        float[] readScalars = new float[4];
        CodeBytes.unpack(stored, readCodes, readScalars, 1, words);
        assertArrayEquals(Arrays.copyOfRange(codes, words, 2 * words),
                Arrays.copyOfRange(readCodes, words, 2 * words));
        assertArrayEquals(new float[] {0, 0, scalars[2], scalars[3]}, readScalars);
    }

    @Test
    void aCodeOfAnotherDimensionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CodeBytes.unpack(new byte[72], new long[16], new float[2], 0, 16));
    }
}
