package org.facesearch.crawl.vk;

/**
 * The outcome of one photo download. Every outcome is a value: a failed photo is recorded against its profile and
 * the crawl goes on.
 */
public sealed interface PhotoResult {
    String url();

    /** An image body within the size cap whose header decodes. {@code sha256} is lowercase hex of the bytes. */
    record Downloaded(String url, byte[] bytes, String sha256, ImageFormat format) implements PhotoResult {
    }

    /** Deliberately not fetched, e.g. one of VK's placeholder images. */
    record Skipped(String url, String reason) implements PhotoResult {
    }

    /**
     * Fetched but unusable, or not fetched: HTTP status, timeout, size cap, network error, not an image.
     *
     * @param retryable a transient fault (5xx, 408, 429, timeout, connection reset, truncated body) that a later
     *                  attempt may not meet; false for answers that will not change (404, not an image, too big)
     */
    record Failed(String url, String reason, boolean retryable) implements PhotoResult {
    }
}
