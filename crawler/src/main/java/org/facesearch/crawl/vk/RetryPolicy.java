package org.facesearch.crawl.vk;

import java.time.Duration;

/**
 * How often a VK call is retried after transient failures (errors 6, 9, 10 and network faults) and how long the
 * token that saw the failure rests before its next request: {@code firstBackoff * 2^(failure-1)}, capped at
 * {@code maxBackoff}. Token losses (5 dropped, 29 parked) do not count as attempts: they shrink the pool instead.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    /** 6 attempts, 1 s then doubling up to 30 s: rides out a minute of VK hiccups. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30));
    /**
     * Photo downloads: 4 attempts, 0.5 s then doubling up to 4 s. A CDN hiccup passes within seconds; a longer
     * outage is not waited out here: the photo is stored as {@code retry} and the next crawl downloads it again.
     */
    public static final RetryPolicy PHOTO_DOWNLOADS = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(4));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= first <= max");
        }
    }

    /** The rest after the {@code failure}-th transient failure (1-based). */
    public Duration backoff(int failure) {
        Duration d = firstBackoff.multipliedBy(1L << Math.min(failure - 1, 20));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
