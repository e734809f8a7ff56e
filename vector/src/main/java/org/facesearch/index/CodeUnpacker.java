package org.facesearch.index;

/**
 * Unpacks a list's stored codes ({@link CodeBytes}), arriving one face at a time as rows are read, into its
 * {@link CodeBlocks} and scalars. A face's code is kept until its block has all {@value CodeBlocks#BLOCK} faces,
 * then the block is written whole ({@link CodeBlocks#putBlock}: plain stores of eight groups at a time, where
 * writing face by face reads and rewrites each byte once a face: at 1024-d 69-149 against 257-433 ns a face,
 * measured side by side under load 3, the CLI reading a million codes a query).
 *
 * <p>Faces must come in position order {@code 0, 1, 2, ...} and the list must be {@link #finish}ed before it is
 * scanned. One per list being filled; not thread-safe.
 */
public final class CodeUnpacker {
    private final int words;
    private final int codeBytes;
    /** The stored codes of the block being filled, face {@code position % BLOCK} at {@code codeBytes} times that. */
    private final byte[] pending;

    /** For codes of {@code words} longs. */
    public CodeUnpacker(int words) {
        this.words = words;
        this.codeBytes = words * Long.BYTES;
        this.pending = new byte[CodeBlocks.BLOCK * codeBytes];
    }

    /**
     * Face {@code position}'s stored {@code bytes}: its scalars into {@code scalars} ({@link ScalarBlocks}) now, its
     * code into {@code blocks} when its block is complete.
     *
     * @throws IllegalArgumentException if {@code bytes} is not a stored code of this unpacker's length
     */
    public void unpack(byte[] bytes, byte[] blocks, float[] scalars, int position) {
        CodeBytes.requireSize(bytes, words);
        int inBlock = position % CodeBlocks.BLOCK;
        System.arraycopy(bytes, 0, pending, inBlock * codeBytes, codeBytes);
        CodeBytes.unpackScalars(bytes, words, scalars, position);
        if (inBlock == CodeBlocks.BLOCK - 1) {
            CodeBlocks.putBlock(pending, words, blocks, position / CodeBlocks.BLOCK);
        }
    }

    /** Writes the last block of a list of {@code size} faces if it is not full (its other positions unused). */
    public void finish(byte[] blocks, int size) {
        if (size % CodeBlocks.BLOCK != 0) {
            CodeBlocks.putBlock(pending, words, blocks, size / CodeBlocks.BLOCK);
        }
    }
}
