package org.facesearch.faces;

/** A face model could neither be read from the cache nor fetched; the message says which file and what to do. */
public final class ModelUnavailableException extends Exception {
    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
