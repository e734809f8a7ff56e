package org.facesearch.bench.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code clients} threads each sending requests one after the other until a deadline: the latencies of the
 * successful requests started after {@code measureFrom} (the earlier ones are a warm-up), sorted, and the errors.
 */
final class ClientLoop {
    /** One request; true when it was answered successfully. */
    interface Call {
        boolean send() throws Exception;
    }

    record Result(long[] sortedNanos, int errors) {
        /** The {@code q} quantile in milliseconds. */
        double ms(double q) {
            return ClientLoop.ms(sortedNanos, q);
        }
    }

    private ClientLoop() {
    }

    static Result run(int clients, long measureFrom, long end, Call call) throws Exception {
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> parts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                parts.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = call.send();
                        long t1 = System.nanoTime();
                        if (t0 < measureFrom) continue;
                        if (!ok) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
                        latencies[n++] = t1 - t0;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
        }
        long[] all = new long[0];
        for (Future<long[]> f : parts) {
            long[] part = f.get();
            int old = all.length;
            all = Arrays.copyOf(all, old + part.length);
            System.arraycopy(part, 0, all, old, part.length);
        }
        Arrays.sort(all);
        return new Result(all, errors.get());
    }

    /** The {@code q} quantile of sorted nanoseconds, in milliseconds. */
    static double ms(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
