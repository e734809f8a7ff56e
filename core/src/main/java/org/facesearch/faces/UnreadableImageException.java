package org.facesearch.faces;

/**
 * The bytes given are not a complete image this pipeline can decode: not an image at all, an unsupported
 * format, or a truncated/corrupt file. The message is meant for the user as is (no stack trace needed).
 */
public class UnreadableImageException extends Exception {
    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
