package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodeBlocksTest {
    @Test
    void sizesAreWholeBlocksOf4BitGroups() {
        assertEquals(4096, CodeBlocks.blockBytes(16), "1024-d: 256 groups of 16 bytes");
        assertEquals(0, CodeBlocks.bytes(0, 16));
        assertEquals(4096, CodeBlocks.bytes(1, 16));
        assertEquals(4096, CodeBlocks.bytes(32, 16));
        assertEquals(8192, CodeBlocks.bytes(33, 16));
    }

    @Test
    void everyPositionRoundTripsWithoutTouchingItsNeighbours() {
        int words = 2;
        int faces = 70;
        SplittableRandom random = new SplittableRandom(7);
        long[] codes = new long[faces * words];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextLong();
        }
        byte[] blocks = new byte[CodeBlocks.bytes(faces, words)];
        // written out of order, so each write lands beside faces already there
        for (int i = faces - 1; i >= 0; i -= 2) {
            CodeBlocks.put(codes, i * words, words, blocks, i);
        }
        for (int i = 0; i < faces; i += 2) {
            CodeBlocks.put(codes, i * words, words, blocks, i);
        }
        long[] read = new long[words];
        for (int i = 0; i < faces; i++) {
            CodeBlocks.get(blocks, i, words, read, 0);
            assertArrayEquals(Arrays.copyOfRange(codes, i * words, (i + 1) * words), read, "face " + i);
        }
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        long[] code = {0x0123456789ABCDEFL};
        byte[] blocks = new byte[CodeBlocks.bytes(32, 1)];
        CodeBlocks.put(code, 0, 1, blocks, 3);
        CodeBlocks.put(new long[] {-1L}, 0, 1, blocks, 19);
        // group g of face 3 in the low nibble of byte 16 g + 3, face 19's (all ones) in its high nibble
        assertEquals((byte) 0xFF, blocks[3], "group 0: nibble 0xF of face 3, 0xF of face 19");
        assertEquals((byte) 0xFE, blocks[16 + 3], "group 1: nibble 0xE");
        assertEquals((byte) 0xF0, blocks[15 * 16 + 3], "group 15: the top nibble 0x0");
        assertEquals(0, blocks[4]);
    }

    @Test
    void aBlockWrittenWholeFromStoredBytesEqualsItsFacesWrittenOneByOne() {
        int words = 16;
        SplittableRandom random = new SplittableRandom(8);
        ByteBuffer stored = ByteBuffer.allocate(CodeBlocks.BLOCK * words * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        byte[] oneByOne = new byte[CodeBlocks.bytes(3 * CodeBlocks.BLOCK, words)];
        long[] code = new long[words];
        for (int face = 0; face < CodeBlocks.BLOCK; face++) {
            for (int w = 0; w < words; w++) {
                code[w] = random.nextLong();
                stored.putLong(code[w]);
            }
            CodeBlocks.put(code, 0, words, oneByOne, CodeBlocks.BLOCK + face);
        }
        byte[] whole = new byte[oneByOne.length];
        CodeBlocks.putBlock(stored.array(), words, whole, 1);
        assertArrayEquals(oneByOne, whole);
    }
}
