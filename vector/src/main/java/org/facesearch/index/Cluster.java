package org.facesearch.index;

import java.util.Arrays;
import java.util.Set;

/**
 * One inverted list of a {@link IvfIndex}: face ids and their 1-bit codes with two scalars each
 * ({@link SignCodes}), each contiguous ({@code codes[i * words ..]} and {@code scalars[2 * i ..]} belong to
 * {@code ids[i]}), so the scan is one sequential sweep. No float32 vectors: the re-rank reads those from its
 * {@link RerankVectors}.
 *
 * <p>Immutable as seen by readers: a reader only ever looks at the first {@link #size()} entries.
 * {@link #with} appends without copying when the arrays have spare capacity, by writing past {@code size} and
 * returning a new {@code Cluster} that shares the arrays with a larger size; the old object, still held by
 * older snapshots, never sees the new entry. When capacity runs out the arrays are copied at 1.5x. This is safe
 * only with one writer that always appends to the newest version of a cluster, which {@link LiveIndex}
 * guarantees with its lock; publication through {@link LiveIndex}'s atomic reference makes the written values
 * visible to readers of the new snapshot.
 */
final class Cluster {
    static final Cluster EMPTY = new Cluster(new long[0], new long[0], new float[0], 0);

    private final long[] ids;
    private final long[] codes;
    private final float[] scalars;
    private final int size;

    Cluster(long[] ids, long[] codes, float[] scalars, int size) {
        this.ids = ids;
        this.codes = codes;
        this.scalars = scalars;
        this.size = size;
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }

    /** The backing code array; entries past {@code size * words} are not this cluster's. */
    long[] codes() {
        return codes;
    }

    /** The backing code scalars, two a face; entries past {@code 2 * size} are not this cluster's. */
    float[] scalars() {
        return scalars;
    }

    /**
     * This cluster plus one face: its code and scalars at entry {@code i} of {@code encoded} (see the class comment
     * for the sharing rule).
     */
    Cluster with(long id, CandidateScan.Encoded encoded, int i, int words) {
        long[] newIds = ids;
        long[] newCodes = codes;
        float[] newScalars = scalars;
        if (size == ids.length) {
            int capacity = Math.max(16, size + (size >> 1));
            newIds = Arrays.copyOf(ids, capacity);
            newCodes = Arrays.copyOf(codes, Math.multiplyExact(capacity, words));
            newScalars = Arrays.copyOf(scalars, Math.multiplyExact(capacity, CandidateScan.SCALARS));
        }
        newIds[size] = id;
        System.arraycopy(encoded.codes(), i * words, newCodes, size * words, words);
        System.arraycopy(encoded.scalars(), i * CandidateScan.SCALARS, newScalars, size * CandidateScan.SCALARS,
                CandidateScan.SCALARS);
        return new Cluster(newIds, newCodes, newScalars, size + 1);
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
        long[] newCodes = new long[Math.multiplyExact(kept, words)];
        float[] newScalars = new float[Math.multiplyExact(kept, CandidateScan.SCALARS)];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (removed.contains(ids[i])) continue;
            newIds[j] = ids[i];
            System.arraycopy(codes, i * words, newCodes, j * words, words);
            System.arraycopy(scalars, i * CandidateScan.SCALARS, newScalars, j * CandidateScan.SCALARS, CandidateScan.SCALARS);
            j++;
        }
        return new Cluster(newIds, newCodes, newScalars, kept);
    }

    long bytes() {
        return (long) ids.length * Long.BYTES + (long) codes.length * Long.BYTES + (long) scalars.length * Float.BYTES;
    }
}
