package org.facesearch.crawl.vk;

/**
 * Spaces the requests of one token evenly: at most {@code requestsPerSecond}, one every {@code 1/rate} seconds.
 * Even spacing (rather than a burst of 3 then a pause) keeps any one-second window at VK's side within the limit
 * even when network jitter shifts single requests a little.
 *
 * <p>{@link #reserve(long)} only books a start time; the caller sleeps outside any lock. Times are
 * {@link System#nanoTime()} values. Not thread-safe on its own: {@link TokenPool} calls it under its lock.
 */
final class RateLimiter {
    private final long intervalNanos;
    private long nextFreeNanos = Long.MIN_VALUE;

    RateLimiter(double requestsPerSecond) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests per second must be a positive number: " + requestsPerSecond);
        }
        this.intervalNanos = Math.round(1e9 / requestsPerSecond);
    }

    /** The earliest time at or after {@code notBefore} at which a request may start. */
    long earliest(long notBefore) {
        return nextFreeNanos == Long.MIN_VALUE ? notBefore : Math.max(notBefore, nextFreeNanos);
    }

    /** Books the slot at {@link #earliest(long)} and returns it. */
    long reserve(long notBefore) {
        long start = earliest(notBefore);
        nextFreeNanos = start + intervalNanos;
        return start;
    }
}
