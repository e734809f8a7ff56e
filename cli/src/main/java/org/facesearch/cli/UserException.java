package org.facesearch.cli;

/** A failure caused by the user's input (a missing file, a non-image, ...): printed as one line, exit 1. */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
