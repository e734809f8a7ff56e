package org.facesearch.cluster;

/** A recluster was refused because another one holds the database lock named {@code facesearch-recluster}. */
public final class ReclusterBusyException extends RuntimeException {
    public ReclusterBusyException(String message) {
        super(message);
    }
}
