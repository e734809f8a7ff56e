package org.facesearch.store.privacy;

import static org.facesearch.store.schema.Tables.DO_NOT_COLLECT;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The do-not-collect list: profiles, by {@code (source, external_id)}, that no crawl or import may store again.
 * A forget adds its people in its own transaction; only {@link #remove} (an explicit command) takes one off.
 */
public final class DoNotCollect {
    private DoNotCollect() {
    }

    /** One entry, e.g. {@code vk:123}, and when it was added (the database server's clock). */
    public record Entry(String source, String externalId, LocalDateTime since) {
        @Override
        public String toString() {
            return source + ":" + externalId;
        }
    }

    /** Adds an entry in the caller's transaction; an entry already there stays as it is. */
    public static void add(DSLContext tx, String source, String externalId) {
        tx.insertInto(DO_NOT_COLLECT).set(DO_NOT_COLLECT.SOURCE, source).set(DO_NOT_COLLECT.EXTERNAL_ID, externalId)
                .onDuplicateKeyIgnore().execute();
    }

    /** Removes an entry; false if it was not on the list. */
    public static boolean remove(DSLContext db, String source, String externalId) {
        return db.deleteFrom(DO_NOT_COLLECT)
                .where(DO_NOT_COLLECT.SOURCE.eq(source), DO_NOT_COLLECT.EXTERNAL_ID.eq(externalId)).execute() > 0;
    }

    /** Every entry, oldest first. */
    public static List<Entry> list(DSLContext db) {
        return db.selectFrom(DO_NOT_COLLECT).orderBy(DO_NOT_COLLECT.CREATED_AT, DO_NOT_COLLECT.SOURCE, DO_NOT_COLLECT.EXTERNAL_ID)
                .fetch(r -> new Entry(r.getSource(), r.getExternalId(), r.getCreatedAt()));
    }

    /**
     * Which of {@code externalIds} of {@code source} are listed, read with a shared lock held until {@code tx}
     * ends: inside a storage transaction this waits for a forget that is adding one of them, so a profile forgotten
     * while its batch was being prepared is still not stored.
     */
    public static Set<String> listedLocked(DSLContext tx, String source, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        var select = tx.select(DO_NOT_COLLECT.EXTERNAL_ID).from(DO_NOT_COLLECT)
                .where(DO_NOT_COLLECT.SOURCE.eq(source), DO_NOT_COLLECT.EXTERNAL_ID.in(externalIds));
        return new HashSet<>(tx.fetch("{0} lock in share mode", select).getValues(0, String.class));
    }

    /** Which of {@code externalIds} of {@code source} are listed (a plain read, e.g. before downloading photos). */
    public static Set<String> listed(DSLContext db, String source, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select(DO_NOT_COLLECT.EXTERNAL_ID).from(DO_NOT_COLLECT)
                .where(DO_NOT_COLLECT.SOURCE.eq(source), DO_NOT_COLLECT.EXTERNAL_ID.in(externalIds))
                .fetch(DO_NOT_COLLECT.EXTERNAL_ID));
    }
}
