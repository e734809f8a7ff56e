package org.facesearch.store;

/** A database problem a user can act on; the message says what went wrong and what to do. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
