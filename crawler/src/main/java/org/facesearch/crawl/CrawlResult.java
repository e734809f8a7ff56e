package org.facesearch.crawl;

import java.time.Duration;

/**
 * The outcome of one {@link Crawler#crawl} run.
 *
 * @param alreadyDone true when the source had been crawled to its end before this run (nothing was fetched)
 * @param retried     what became of the photos earlier runs could not download for a transient reason
 * @param stored      what the storage path did in this run with the source's profiles
 * @param unavailable profiles recorded without a photo: deactivated, closed, no photo
 * @param unresolved  screen names VK refused to resolve (not stored: they have no user id)
 * @param doNotCollect profiles skipped because they are on the do-not-collect list (their photos not even fetched)
 * @param elapsed     wall time of this run
 */
public record CrawlResult(boolean alreadyDone, StoreCounts retried, StoreCounts stored, long unavailable, long unresolved,
                          long doNotCollect, Duration elapsed) {
    public double profilesPerSecond() {
        return stored.profiles() / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    public double facesPerSecond() {
        return stored.faces() / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
