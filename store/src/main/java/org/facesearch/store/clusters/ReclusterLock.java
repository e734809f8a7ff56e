package org.facesearch.store.clusters;

import org.facesearch.store.NamedLock;
import org.jooq.DSLContext;

/**
 * The database-wide lock that lets one recluster run at a time across all processes: the {@link NamedLock}
 * {@code facesearch-recluster}, held for the whole recluster and released by the server if the process dies.
 */
public final class ReclusterLock implements AutoCloseable {
    public static final String NAME = "facesearch-recluster";

    private final NamedLock lock;

    private ReclusterLock(NamedLock lock) {
        this.lock = lock;
    }

    /** Takes the lock without waiting, or throws {@link ReclusterBusyException} if another session holds it. */
    public static ReclusterLock acquire(DSLContext db) {
        return new ReclusterLock(NamedLock.tryAcquire(db, NAME).orElseThrow(
                () -> new ReclusterBusyException("another recluster is running (database lock '" + NAME + "' is held)")));
    }

    @Override
    public void close() {
        lock.close();
    }
}
