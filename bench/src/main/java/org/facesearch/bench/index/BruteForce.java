package org.facesearch.bench.index;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * Exact k-nearest-neighbour search of many queries at once: the ground truth of the benchmark.
 *
 * <p>One query at a time would stream all vectors from memory once per query (4 GB per query at 1M x 1024-d),
 * so queries are processed in blocks of {@value #QUERY_BLOCK}: a block of queries stays in cache while the data
 * streams past it once, which makes the scan compute-bound. Vectors are split into ranges processed in parallel,
 * each with its own {@link TopK} per query, merged afterwards, so the result does not depend on the split (ties
 * are by id). {@link #accumulate} lets a caller feed the data in chunks (e.g. while generating 10M faces).
 */
public final class BruteForce {
    private static final int QUERY_BLOCK = 32;
    private static final int VECTORS_PER_TASK = 4_096;

    private final float[] queries;
    private final int queryCount;
    private final int dimension;
    private final int k;
    private final TopK[] tops;

    public BruteForce(float[] queries, int queryCount, int dimension, int k) {
        this.queries = queries;
        this.queryCount = queryCount;
        this.dimension = dimension;
        this.k = k;
        this.tops = new TopK[queryCount];
        for (int q = 0; q < queryCount; q++) {
            tops[q] = new TopK(k);
        }
    }

    /** Compares every query with {@code count} contiguous vectors whose ids are {@code firstId, firstId + 1, ...}. */
    public void accumulate(float[] vectors, int count, long firstId) {
        int tasks = (count + VECTORS_PER_TASK - 1) / VECTORS_PER_TASK;
        List<TopK[]> partials = IntStream.range(0, tasks).parallel().mapToObj(task -> {
            int from = task * VECTORS_PER_TASK;
            int to = Math.min(count, from + VECTORS_PER_TASK);
            TopK[] local = new TopK[queryCount];
            for (int q = 0; q < queryCount; q++) {
                local[q] = new TopK(k);
            }
            for (int block = 0; block < queryCount; block += QUERY_BLOCK) {
                int blockEnd = Math.min(queryCount, block + QUERY_BLOCK);
                for (int i = from; i < to; i++) {
                    for (int q = block; q < blockEnd; q++) {
                        local[q].offer(firstId + i,
                                VectorMath.squaredL2(queries, q * dimension, vectors, i * dimension, dimension));
                    }
                }
            }
            return local;
        }).toList();
        for (TopK[] local : partials) {
            for (int q = 0; q < queryCount; q++) {
                tops[q].offerAll(local[q]);
            }
        }
    }

    /** The ids of {@link #results}: {@code [query][rank]}, nearest first. */
    public long[][] ids() {
        return results().stream().map(r -> r.stream().mapToLong(Neighbor::id).toArray()).toArray(long[][]::new);
    }

    /** The exact top k of every query over everything accumulated so far. */
    public List<List<Neighbor>> results() {
        List<List<Neighbor>> results = new ArrayList<>(queryCount);
        for (TopK top : tops) {
            results.add(top.sorted());
        }
        return results;
    }
}
