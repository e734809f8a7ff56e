package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeBytesTest {
    private static final int WORDS = 16;

    @Test
    void codesRoundTripBitExactThroughTheirStoredBytesIntoBlocks() {
        int faces = 2 * CodeBlocks.BLOCK + 7; // two whole blocks and a partial one
        long[] codes = new long[faces * WORDS];
        float[] scalars = new float[2 * faces];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = 0x9E3779B97F4A7C15L * (i + 1);
        }
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = 0.1f * (i + 1);
        }
        byte[] blocks = new byte[CodeBlocks.bytes(faces, WORDS)];
        float[] readScalars = new float[ScalarBlocks.length(faces)];
        CodeUnpacker unpacker = new CodeUnpacker(WORDS);
        for (int i = 0; i < faces; i++) {
            byte[] stored = CodeBytes.pack(codes, scalars, i, WORDS);
            assertEquals(136, stored.length);
            assertEquals((byte) codes[i * WORDS], stored[0], "little-endian: lowest byte of the first word first");
            unpacker.unpack(stored, blocks, readScalars, i);
        }
        unpacker.finish(blocks, faces);
        long[] read = new long[WORDS];
        for (int i = 0; i < faces; i++) {
            CodeBlocks.get(blocks, i, WORDS, read, 0);
            assertArrayEquals(Arrays.copyOfRange(codes, i * WORDS, (i + 1) * WORDS), read, "face " + i);
            assertEquals(scalars[2 * i], ScalarBlocks.norm(readScalars, i), "norm of face " + i);
            assertEquals(scalars[2 * i + 1], ScalarBlocks.factor(readScalars, i), "factor of face " + i);
        }
    }

    @Test
    void aCodeOfAnotherDimensionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CodeUnpacker(WORDS)
                .unpack(new byte[72], new byte[CodeBlocks.bytes(1, WORDS)], new float[ScalarBlocks.length(1)], 0));
    }
}
