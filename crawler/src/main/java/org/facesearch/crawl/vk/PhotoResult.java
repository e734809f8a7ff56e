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

    /** Fetched but unusable, or not fetched: HTTP status, timeout, size cap, network error, not an image. */
    record Failed(String url, String reason) implements PhotoResult {
    }
}
