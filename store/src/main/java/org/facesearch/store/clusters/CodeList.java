package org.facesearch.store.clusters;

import java.util.Arrays;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.CodeBlocks;
import org.facesearch.index.CodeBytes;
import org.facesearch.index.CodeUnpacker;
import org.facesearch.index.ScalarBlocks;

/**
 * One cluster's faces as their {@code face_cluster} rows arrive: ids, codes unpacked from their stored form
 * ({@link CodeBytes}) into the {@link CodeBlocks} layout, and the two scalars a face ({@link ScalarBlocks}), in
 * the contiguous arrays {@link CandidateScan} scans, grown by half when full; {@link #finish} once the rows are in. Used by
 * the server's load ({@link ClusteringCodes}: trimmed to size, so the index carries no growth slack).
 */
final class CodeList {
    private final int words;
    /** The codes of the block being filled; made at the first row. */
    private CodeUnpacker unpacker;
    long[] ids;
    byte[] blocks;
    float[] scalars;
    int size;

    /** @param words longs a code */
    CodeList(int capacity, int words) {
        this.words = words;
        this.ids = new long[capacity];
        this.blocks = new byte[CodeBlocks.bytes(capacity, words)];
        this.scalars = new float[ScalarBlocks.length(capacity)];
    }

    void append(long faceId, byte[] code) {
        if (size == ids.length) {
            resize(Math.max(CodeBlocks.BLOCK, size + (size >> 1)));
        }
        ids[size] = faceId;
        if (unpacker == null) {
            unpacker = new CodeUnpacker(words);
        }
        unpacker.unpack(code, blocks, scalars, size);
        size++;
    }

    /** Writes the last, partly filled block: call once all rows are appended, before the list is scanned. */
    void finish() {
        if (unpacker != null) {
            unpacker.finish(blocks, size);
        }
    }

    /** Drops the arrays' unused tail. */
    void trim() {
        if (size != ids.length) {
            resize(size);
        }
    }

    private void resize(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        blocks = Arrays.copyOf(blocks, CodeBlocks.bytes(capacity, words));
        scalars = Arrays.copyOf(scalars, ScalarBlocks.length(capacity));
    }
}
