package org.facesearch.crawl.vk;

import java.util.List;

/**
 * Request rates computed from the arrival times a {@link FakeVkServer} recorded for one token
 * ({@link FakeVkServer#callsByToken()}). Public for other modules' tests (crawler test-jar).
 */
public record RateCheck(List<Long> sortedNanos) {
    public static RateCheck of(List<Long> nanos) {
        return new RateCheck(nanos.stream().sorted().toList());
    }

    /**
     * The most requests that arrived within any window {@code [t, t + 1 s - tolerance)} starting at a request;
     * the tolerance absorbs scheduling and network jitter between sending and arrival.
     */
    public int maxInAnySecond(long toleranceNanos) {
        int max = 0;
        int end = 0;
        for (int start = 0; start < sortedNanos.size(); start++) {
            long limit = sortedNanos.get(start) + 1_000_000_000L - toleranceNanos;
            while (end < sortedNanos.size() && sortedNanos.get(end) < limit) {
                end++;
            }
            max = Math.max(max, end - start);
        }
        return max;
    }

    /** Requests per second between the first and the last request (n - 1 intervals). */
    public double meanRate() {
        if (sortedNanos.size() < 2) {
            return 0;
        }
        return (sortedNanos.size() - 1) / ((sortedNanos.getLast() - sortedNanos.getFirst()) / 1e9);
    }
}
