package org.facesearch.crawl;

/**
 * The photo that comes with a profile into the storage path: its bytes, or why there are none.
 */
public sealed interface PhotoInput {
    /** Where the photo came from: an http(s) URL or a {@code file:} URI. */
    String url();

    /** The image bytes as downloaded or read; they may still turn out not to be a decodable image. */
    record Bytes(String url, byte[] bytes) implements PhotoInput {
    }

    /**
     * A photo that could not be fetched at all (HTTP error, timeout, size cap, unreadable file).
     *
     * @param retryable the fault was transient (server error, reset, timeout): stored for the next crawl to retry
     */
    record Unavailable(String url, String reason, boolean retryable) implements PhotoInput {
    }
}
