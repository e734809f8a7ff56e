package org.facesearch.crawl.vk;

/**
 * A VK call that failed for good: an error VK returned that retrying cannot fix (e.g. 15 access denied,
 * 100 invalid parameter), or a transient fault (6, 9, 10, network) that outlasted the retry budget.
 * {@link #code()} is VK's {@code error_code}, or {@link #NETWORK} when no VK error object was received.
 * The message carries VK's {@code error_msg}, never request parameters, so it cannot contain a token.
 */
public final class VkApiException extends RuntimeException {
    /** Code used when the failure was not a VK error object (I/O error, HTTP status, unparsable body). */
    public static final int NETWORK = -1;

    private final int code;

    VkApiException(String method, int code, String detail) {
        super("VK " + method + " failed" + (code == NETWORK ? "" : " with error " + code) + ": " + detail);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
