package org.facesearch.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntFunction;

/**
 * Threads that split one query's work over every core: the probe of many centroids, the scan of many codes. A lone
 * user's query then uses the whole machine (it waits about 1/cores as long); with as many queries as cores at once
 * nothing is gained or lost. Callers split only large work: handing a part to another thread costs tens of
 * microseconds.
 *
 * <p>Why a pool of its own: the common pool has {@code cores - 1} threads, one on a 2-core machine, so a query split
 * in two would wait for its second half. The threads are daemons named {@code facesearch-query-N}.
 */
public final class QueryThreads {
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("facesearch-query-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }, null, false);

    private QueryThreads() {
    }

    /** Parts a query's work is split into: one a core. */
    public static int parallelism() {
        return POOL.getParallelism();
    }

    /**
     * The {@code size} nearest of the parts' nearest ({@code part.apply(0 .. parts - 1)} run on the pool): the same
     * set as one search over all of them, since {@link TopK}'s order is total.
     */
    public static TopK nearest(int parts, int size, IntFunction<TopK> part) {
        TopK top = new TopK(size);
        for (TopK found : each(parts, part)) {
            top.offerAll(found);
        }
        return top;
    }

    /** {@code part.apply(0 .. parts - 1)} run on the pool, the results in that order. */
    private static <T> List<T> each(int parts, IntFunction<T> part) {
        List<ForkJoinTask<T>> tasks = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int index = i;
            tasks.add(POOL.submit(() -> part.apply(index)));
        }
        List<T> results = new ArrayList<>(parts);
        for (ForkJoinTask<T> task : tasks) {
            results.add(task.join());
        }
        return results;
    }
}
