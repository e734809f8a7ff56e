package org.facesearch.store;

import org.jooq.DSLContext;

/**
 * One writer of profiles, photos and faces at a time: {@code crawl} and {@code import} hold the database lock
 * {@value #NAME} for their whole run. Two of them at once, on one database, each decide "this photo is new" before
 * either stores it and both store it; a second one is therefore refused with a message saying why, and the unique
 * key on {@code photo.content_sha256} catches any writer that does not take the lock.
 */
public final class WriterLock {
    public static final String NAME = "facesearch-writer";

    private WriterLock() {
    }

    /**
     * Takes the lock for a run of {@code command}, or throws a {@link DatabaseException} naming the cause when
     * another crawl or import holds it.
     */
    public static NamedLock acquire(DSLContext db, String command) {
        return NamedLock.tryAcquire(db, NAME).orElseThrow(() -> new DatabaseException("another crawl or import is writing to "
                + "this database (lock '" + NAME + "' is held); this " + command + " would store its photos a second time. "
                + "Wait until it ends, then run the command again"));
    }
}
