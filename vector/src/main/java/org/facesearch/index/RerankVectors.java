package org.facesearch.index;

/**
 * Where the exact re-rank of an {@link IvfIndex} gets the float32 vectors of its candidates: the index itself
 * holds only codes (136 bytes a 1024-d face), so the vectors (4 KB each) live elsewhere — in the database for the
 * server (read by primary key, a few hundred a query), or in memory for benchmarks and tests
 * ({@link InMemoryVectors}). Implementations are safe for concurrent queries.
 */
public interface RerankVectors {
    /**
     * Writes the vector of face {@code ids[i]} to {@code target[i * dimension ..]} for every {@code i} and returns
     * which were found: a face removed meanwhile (forgotten) has no vector, and the re-rank skips it.
     */
    boolean[] read(long[] ids, int dimension, float[] target);

    /**
     * Told when an index takes a new face: a source that keeps its own copy of the vectors stores it; one that
     * reads them where they are already stored (the database) does nothing. {@code vector} is the caller's copy,
     * kept by whoever keeps it.
     */
    default void added(long id, float[] vector) {
    }
}
