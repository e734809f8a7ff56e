package org.facesearch.crawl;

import static org.facesearch.db.schema.Tables.CRAWL_STATE;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The cursor of each crawl source in {@code crawl_state}. {@link #save} is meant to run inside the transaction
 * that stores the batch the cursor moves past, so the cursor can never run ahead of what is stored.
 */
public final class CrawlState {
    /** Where a source stands: the cursor value its next batch starts from, and whether it is finished. */
    public record Cursor(String value, boolean done) {
    }

    private CrawlState() {
    }

    public static Optional<Cursor> load(DSLContext dsl, String sourceKey) {
        return dsl.select(CRAWL_STATE.CURSOR_VALUE, CRAWL_STATE.DONE).from(CRAWL_STATE)
                .where(CRAWL_STATE.SOURCE_KEY.eq(sourceKey))
                .fetchOptional(r -> new Cursor(r.value1(), r.value2()));
    }

    public static void save(DSLContext tx, String sourceKey, Cursor cursor) {
        tx.insertInto(CRAWL_STATE, CRAWL_STATE.SOURCE_KEY, CRAWL_STATE.CURSOR_VALUE, CRAWL_STATE.DONE)
                .values(sourceKey, cursor.value(), cursor.done())
                .onDuplicateKeyUpdate()
                .set(CRAWL_STATE.CURSOR_VALUE, cursor.value())
                .set(CRAWL_STATE.DONE, cursor.done())
                .set(CRAWL_STATE.UPDATED_AT, DSL.currentLocalDateTime(3))
                .execute();
    }
}
