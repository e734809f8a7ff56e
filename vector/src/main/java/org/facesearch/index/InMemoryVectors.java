package org.facesearch.index;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RerankVectors} held in the heap: a base of contiguous row-major vectors (kept as given, not copied) found
 * by binary search on their ids, plus the faces added later. For benchmarks and tests, where every vector is in
 * memory anyway; the server reads them from the database instead. Thread-safe.
 */
public final class InMemoryVectors implements RerankVectors {
    private final long[] sortedIds;
    private final int[] rowOf;
    private final float[] vectors;
    private final int dimension;
    private final Map<Long, float[]> added = new ConcurrentHashMap<>();

    /** The first {@code count} faces: {@code ids[i]} (distinct) with its vector at {@code vectors[i * dimension]}. */
    public InMemoryVectors(long[] ids, float[] vectors, int count, int dimension) {
        this.vectors = vectors;
        this.dimension = dimension;
        Integer[] order = new Integer[count];
        boolean ascending = true;
        for (int i = 0; i < count; i++) {
            order[i] = i;
            ascending &= i == 0 || ids[i - 1] < ids[i];
        }
        if (!ascending) {
            Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        }
        this.sortedIds = new long[count];
        this.rowOf = new int[count];
        for (int i = 0; i < count; i++) {
            sortedIds[i] = ids[order[i]];
            rowOf[i] = order[i];
        }
    }

    @Override
    public boolean[] read(long[] ids, int dimension, float[] target) {
        if (dimension != this.dimension) {
            throw new IllegalArgumentException("holds " + this.dimension + "-d vectors, asked for " + dimension);
        }
        boolean[] found = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int at = Arrays.binarySearch(sortedIds, ids[i]);
            if (at >= 0) {
                System.arraycopy(vectors, rowOf[at] * dimension, target, i * dimension, dimension);
                found[i] = true;
            } else {
                float[] vector = added.get(ids[i]);
                if (vector != null) {
                    System.arraycopy(vector, 0, target, i * dimension, dimension);
                    found[i] = true;
                }
            }
        }
        return found;
    }

    @Override
    public void added(long id, float[] vector) {
        added.put(id, vector);
    }
}
