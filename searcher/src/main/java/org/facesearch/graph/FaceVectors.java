package org.facesearch.graph;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.Arrays;

/**
 * The graph's vectors, by graph ordinal, with the face id of each: an append-only store that one writer grows
 * while searches read it. jvector's array-backed vectors wrap each face's own {@code float[]} (no copy), so the
 * float32 vectors are held once; the arrays are also kept as they are, for the exact re-rank. A reader sees the
 * arrays as they were when it read {@link #size}; the writer publishes a grown array before the new size.
 */
final class FaceVectors implements RandomAccessVectorValues {
    static {
        // jvector picks its native provider when it can load it; that one copies every vector off the heap (a second
        // 4 KB a face at 1024-d). Its Panama provider (the JDK Vector API) wraps our arrays as they are.
        System.getProperties().putIfAbsent("jvector.vectorization_provider", "panama");
    }

    private static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int dimension;
    private volatile VectorFloat<?>[] vectors;
    private volatile long[] ids;
    private volatile float[][] arrays;
    private volatile int size;

    FaceVectors(int dimension, int capacity) {
        this.dimension = dimension;
        this.vectors = new VectorFloat<?>[Math.max(16, capacity)];
        this.ids = new long[vectors.length];
        this.arrays = new float[vectors.length][];
    }

    /** Appends a face; returns its graph ordinal. One writer at a time. */
    int add(long id, float[] vector) {
        int n = size;
        if (n == vectors.length) {
            vectors = Arrays.copyOf(vectors, n * 2);
            ids = Arrays.copyOf(ids, n * 2);
            arrays = Arrays.copyOf(arrays, n * 2);
        }
        arrays[n] = vector;
        vectors[n] = TYPES.createFloatVector(vector);
        ids[n] = id;
        size = n + 1;
        return n;
    }

    VectorFloat<?> wrap(float[] vector) {
        return TYPES.createFloatVector(vector);
    }

    long id(int ordinal) {
        return ids[ordinal];
    }

    /** The face's float32 vector. */
    float[] array(int ordinal) {
        return arrays[ordinal];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return vectors[ordinal];
    }

    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
