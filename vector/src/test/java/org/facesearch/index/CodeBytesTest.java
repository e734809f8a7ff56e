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
        // into position 17 of a list: the high nibbles of the first block
        byte[] blocks = new byte[CodeBlocks.bytes(40, words)];
        float[] readScalars = new float[2 * 40];
        CodeBytes.unpack(stored, blocks, readScalars, 17, words);
        long[] read = new long[words];
        CodeBlocks.get(blocks, 17, words, read, 0);
        assertArrayEquals(Arrays.copyOfRange(codes, words, 2 * words), read);
        assertArrayEquals(new float[] {scalars[2], scalars[3]}, Arrays.copyOfRange(readScalars, 34, 36));
        CodeBlocks.get(blocks, 1, words, read, 0);
        assertArrayEquals(new long[words], read, "the other face of the same bytes is untouched");
    }

    @Test
    void aCodeOfAnotherDimensionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CodeBytes.unpack(new byte[72], new byte[CodeBlocks.bytes(1, 16)], new float[2], 0, 16));
    }
}
