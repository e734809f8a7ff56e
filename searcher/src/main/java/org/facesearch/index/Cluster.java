package org.facesearch.index;

import java.util.Arrays;

/**
 * One inverted list of a {@link IvfIndex}: face ids and their float32 vectors, contiguous
 * ({@code vectors[i * dimension ..]} belongs to {@code ids[i]}), so a scan is one sequential sweep.
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
    static final Cluster EMPTY = new Cluster(new long[0], new float[0], 0);

    private final long[] ids;
    private final float[] vectors;
    private final int size;

    Cluster(long[] ids, float[] vectors, int size) {
        this.ids = ids;
        this.vectors = vectors;
        this.size = size;
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }

    /** The backing vector array; entries past {@code size * dimension} are not this cluster's. */
    float[] vectors() {
        return vectors;
    }

    /** This cluster plus one face (see the class comment for the sharing rule). */
    Cluster with(long id, float[] source, int offset, int dimension) {
        long[] newIds = ids;
        float[] newVectors = vectors;
        if (size == ids.length) {
            int capacity = Math.max(16, size + (size >> 1));
            newIds = Arrays.copyOf(ids, capacity);
            newVectors = Arrays.copyOf(vectors, Math.multiplyExact(capacity, dimension));
        }
        newIds[size] = id;
        System.arraycopy(source, offset, newVectors, size * dimension, dimension);
        return new Cluster(newIds, newVectors, size + 1);
    }

    /** A copy without spare capacity (what a finished build keeps). */
    Cluster trimmed(int dimension) {
        return new Cluster(Arrays.copyOf(ids, size), Arrays.copyOf(vectors, size * dimension), size);
    }

    long bytes() {
        return (long) ids.length * Long.BYTES + (long) vectors.length * Float.BYTES;
    }
}
