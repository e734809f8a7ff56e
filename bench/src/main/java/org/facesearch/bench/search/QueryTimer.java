package org.facesearch.bench.search;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.facesearch.vector.Neighbor;

/**
 * Runs every query through a search function and measures it: latency of one query at a time (p50, p99; the
 * search itself may use several cores), then throughput with {@code threads} threads sharing the query list. A
 * warm-up pass over all queries runs first so that the JIT has compiled the kernels. Returns the results of the
 * one-at-a-time pass for scoring.
 */
final class QueryTimer {
    private final int queryCount;
    private final int threads;

    QueryTimer(int queryCount, int threads) {
        this.queryCount = queryCount;
        this.threads = threads;
    }

    record Timing(long[][] ids, double p50Millis, double p99Millis, double qps) {
    }

    Timing measure(IntFunction<List<Neighbor>> search) throws InterruptedException {
        for (int q = 0; q < queryCount; q++) {
            search.apply(q);
        }
        long[][] ids = new long[queryCount][];
        double[] millis = new double[queryCount];
        for (int q = 0; q < queryCount; q++) {
            long start = System.nanoTime();
            List<Neighbor> result = search.apply(q);
            millis[q] = (System.nanoTime() - start) / 1e6;
            ids[q] = result.stream().mapToLong(Neighbor::id).toArray();
        }
        Arrays.sort(millis);
        AtomicInteger next = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                for (int q = next.getAndIncrement(); q < queryCount; q = next.getAndIncrement()) {
                    search.apply(q);
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double qps = queryCount / ((System.nanoTime() - start) / 1e9);
        return new Timing(ids, percentile(millis, 0.50), percentile(millis, 0.99), qps);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }
}
