package org.facesearch.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scan's layout of a list's {@link SignCodes} codes: faces in blocks of {@value #BLOCK}, and inside a block
 * the codes transposed into 4-bit groups, so that one 16-byte shuffle looks up group {@code g} of 16 faces at
 * once in a 16-entry table ({@link LookupQuery}, the layout of FAISS's "fast scan").
 *
 * <p>Encoding. Group {@code g} of a code is its bits {@code 4g .. 4g+3} (components {@code 4g .. 4g+3} of the
 * rotated residual, bit {@code i % 64} of word {@code i / 64}), a nibble. A block takes {@code 16 * groups}
 * bytes ({@code groups = padded / 4}: 4 KB at 1024-d, 128 bytes a face like the rows it is made from); byte
 * {@code 16 g + j} of a block holds group {@code g} of the block's face {@code j} in its low nibble and of face
 * {@code j + 16} in its high nibble. A list of {@code n} faces takes {@code ceil(n / 32)} blocks; the nibbles of
 * positions past {@code n} are whatever was written there and are never reported.
 *
 * <p>Stateless. {@link #put} touches only the nibbles of the position written, so a face can be appended to a block
 * whose other faces are being read (see {@link Cluster}); {@link #putBlock} writes a whole block at once, for lists
 * being filled that nobody reads yet ({@link CodeUnpacker}).
 */
public final class CodeBlocks {
    /** Faces a block. */
    public static final int BLOCK = 32;
    /** Bytes a block holds of each 4-bit group: one a pair of faces. */
    static final int GROUP_BYTES = BLOCK / 2;
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;

    private CodeBlocks() {
    }

    /** 4-bit groups of a code of {@code words} longs. */
    static int groups(int words) {
        return words * Long.SIZE / 4;
    }

    /** Bytes of one block of codes of {@code words} longs. */
    public static int blockBytes(int words) {
        return groups(words) * GROUP_BYTES;
    }

    /** Bytes that hold {@code faces} codes of {@code words} longs: whole blocks. */
    public static int bytes(int faces, int words) {
        return Math.multiplyExact(Math.ceilDiv(faces, BLOCK), blockBytes(words));
    }

    /** The byte holding group 0 of face {@code position}; group {@code g} is {@code 16 g} bytes further. */
    private static int firstByte(int position, int words) {
        return position / BLOCK * blockBytes(words) + position % GROUP_BYTES;
    }

    /** Writes the code at {@code codes[offset .. offset + words)} as face {@code position} of {@code blocks}. */
    public static void put(long[] codes, int offset, int words, byte[] blocks, int position) {
        int base = firstByte(position, words);
        boolean high = position % BLOCK >= GROUP_BYTES;
        for (int w = 0; w < words; w++) {
            long word = codes[offset + w];
            for (int n = 0; n < Long.SIZE / 4; n++) {
                int at = base + (w * (Long.SIZE / 4) + n) * GROUP_BYTES;
                int nibble = (int) (word >>> 4 * n) & 0xF;
                blocks[at] = (byte) (high ? blocks[at] & 0x0F | nibble << 4 : blocks[at] & 0xF0 | nibble);
            }
        }
    }

    /**
     * Writes block {@code block} of {@code blocks} whole from {@value #BLOCK} codes stored as little-endian longs
     * ({@link CodeBytes}: face {@code j}'s {@code 8 * words} bytes at {@code codes[8 * words * j ..]}, byte
     * {@code t} holding groups {@code 2t} and {@code 2t + 1}). Each byte written is whole (two faces' nibbles),
     * so this is plain stores, no reads of the blocks: several times cheaper a face than {@link #put}.
     */
    static void putBlock(byte[] codes, int words, byte[] blocks, int block) {
        int codeBytes = words * Long.BYTES;
        int base = block * blockBytes(words);
        for (int j = 0; j < GROUP_BYTES; j++) {
            int low = j * codeBytes;
            int high = (j + GROUP_BYTES) * codeBytes;
            // eight bytes of faces j and j + 16 at once: the even groups' bytes, then the odd groups'
            for (int t = 0, at = base + j; t < codeBytes; t += Long.BYTES) {
                long first = (long) LITTLE_ENDIAN_LONGS.get(codes, low + t);
                long second = (long) LITTLE_ENDIAN_LONGS.get(codes, high + t);
                long even = first & LOW_NIBBLES | (second & LOW_NIBBLES) << 4;
                long odd = first >>> 4 & LOW_NIBBLES | second & ~LOW_NIBBLES;
                for (int b = 0; b < Long.SIZE; b += Byte.SIZE, at += 2 * GROUP_BYTES) {
                    blocks[at] = (byte) (even >>> b);
                    blocks[at + GROUP_BYTES] = (byte) (odd >>> b);
                }
            }
        }
    }

    /** Reads face {@code position} of {@code blocks} back into {@code codes[offset .. offset + words)}. */
    public static void get(byte[] blocks, int position, int words, long[] codes, int offset) {
        int base = firstByte(position, words);
        int shift = position % BLOCK >= GROUP_BYTES ? 4 : 0;
        for (int w = 0; w < words; w++) {
            long word = 0;
            for (int n = 0; n < Long.SIZE / 4; n++) {
                long nibble = blocks[base + (w * (Long.SIZE / 4) + n) * GROUP_BYTES] >>> shift & 0xF;
                word |= nibble << 4 * n;
            }
            codes[offset + w] = word;
        }
    }
}
