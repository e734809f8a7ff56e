package org.facesearch.store.crawl;

import static org.facesearch.store.schema.Tables.CRAWL_STATE;

import java.util.Optional;
import org.jooq.DSLContext;

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
        // plain SQL: jOOQ's MySQL dialect renders an "AS excluded" row alias here, which MariaDB rejects
        tx.execute("insert into crawl_state (source_key, cursor_value, done) values (?, ?, ?) on duplicate key update "
                        + "cursor_value = values(cursor_value), done = values(done), updated_at = current_timestamp(3)",
                sourceKey, cursor.value(), cursor.done());
    }
}
