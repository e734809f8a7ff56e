package org.facesearch.index;

import java.util.Arrays;
import java.util.Set;

/**
 * One inverted list of a {@link IvfIndex}: face ids and their 1-bit codes with two scalars each
 * ({@link SignCodes}), each contiguous (position {@code i} of the {@link CodeBlocks} and
 * {@link ScalarBlocks} belongs to {@code ids[i]}), so the scan is one sequential sweep. No float32 vectors: the re-rank reads those from its
 * {@link RerankVectors}.
 *
 * <p>Immutable as seen by readers: a reader only ever looks at the first {@link #size()} entries.
 * {@link #with} appends without copying when the arrays have spare capacity, by writing past {@code size} and
 * returning a new {@code Cluster} that shares the arrays with a larger size; the old object, still held by
 * older snapshots, never reports the new entry (its block may be read, since a block's byte holds two faces'
 * nibbles, but {@link CodeBlocks#put} rewrites the other face's nibble unchanged). When capacity runs out the
 * arrays are copied at 1.5x. This is safe
 * only with one writer that always appends to the newest version of a cluster, which {@link LiveIndex}
 * guarantees with its lock; publication through {@link LiveIndex}'s atomic reference makes the written values
 * visible to readers of the new snapshot.
 */
final class Cluster {
    static final Cluster EMPTY = new Cluster(new long[0], new byte[0], new float[0], 0);

    private final long[] ids;
    private final byte[] blocks;
    private final float[] scalars;
    private final int size;

    /** {@code blocks} holds at least {@code ids.length} faces ({@link CodeBlocks#bytes}). */
    Cluster(long[] ids, byte[] blocks, float[] scalars, int size) {
        this.ids = ids;
        this.blocks = blocks;
        this.scalars = scalars;
        this.size = size;
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }

    /** The backing code blocks; positions past {@code size} are not this cluster's. */
    byte[] blocks() {
        return blocks;
    }

    /** The backing code scalars ({@link ScalarBlocks}); positions past {@code size} are not this cluster's. */
    float[] scalars() {
        return scalars;
    }

    /**
     * This cluster plus one face: its code and scalars at entry {@code i} of {@code encoded} (see the class comment
     * for the sharing rule).
     */
    Cluster with(long id, CandidateScan.Encoded encoded, int i, int words) {
        long[] newIds = ids;
        byte[] newBlocks = blocks;
        float[] newScalars = scalars;
        if (size == ids.length) {
            int capacity = Math.max(CodeBlocks.BLOCK, size + (size >> 1));
            newIds = Arrays.copyOf(ids, capacity);
            newBlocks = Arrays.copyOf(blocks, CodeBlocks.bytes(capacity, words));
            newScalars = Arrays.copyOf(scalars, ScalarBlocks.length(capacity));
        }
        newIds[size] = id;
        encoded.put(i, words, newBlocks, newScalars, size);
        return new Cluster(newIds, newBlocks, newScalars, size + 1);
    }

    /**
     * This cluster without the faces whose ids are in {@code removed}: itself when it holds none of them, else a
     * compacted copy (new arrays, so older snapshots sharing the old ones are untouched).
     */
    Cluster without(Set<Long> removed, int words) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!removed.contains(ids[i])) kept++;
        }
        if (kept == size) {
            return this;
        }
        long[] newIds = new long[kept];
        byte[] newBlocks = new byte[CodeBlocks.bytes(kept, words)];
        float[] newScalars = new float[ScalarBlocks.length(kept)];
        long[] code = new long[words];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (removed.contains(ids[i])) continue;
            newIds[j] = ids[i];
            CodeBlocks.get(blocks, i, words, code, 0);
            CodeBlocks.put(code, 0, words, newBlocks, j);
            ScalarBlocks.put(newScalars, j, ScalarBlocks.norm(scalars, i), ScalarBlocks.factor(scalars, i));
            j++;
        }
        return new Cluster(newIds, newBlocks, newScalars, kept);
    }

    long bytes() {
        return (long) ids.length * Long.BYTES + blocks.length + (long) scalars.length * Float.BYTES;
    }
}
