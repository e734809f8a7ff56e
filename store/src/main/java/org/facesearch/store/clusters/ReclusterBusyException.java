package org.facesearch.store.clusters;

/** A recluster was refused because another one holds the database lock {@value ReclusterLock#NAME}. */
public final class ReclusterBusyException extends RuntimeException {
    public ReclusterBusyException(String message) {
        super(message);
    }
}
