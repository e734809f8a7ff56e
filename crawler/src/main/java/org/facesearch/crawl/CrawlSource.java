package org.facesearch.crawl;

import java.util.List;
import java.util.OptionalLong;
import org.facesearch.crawl.vk.VkProfile;

/**
 * Where a crawl gets its profiles, one batch at a time, resumable from a cursor kept in {@code crawl_state}.
 * A cursor is an opaque string to everyone but its source; a source is identified by {@link #key()}, so the same
 * command line finds its own cursor again.
 */
public interface CrawlSource {
    /** The {@code crawl_state.source_key}, e.g. {@code users:1-100000}; at most 191 characters. */
    String key();

    /** The cursor of a source never crawled. */
    String initialCursor();

    /** The profiles of the batch that starts at {@code cursor}, and the cursor after it. */
    Batch next(String cursor) throws InterruptedException;

    /** How many profiles come before {@code cursor} (progress). */
    long position(String cursor);

    /** How many profiles the source holds, when known (ETA); a group knows only after its first page. */
    OptionalLong total();

    /**
     * One batch.
     *
     * @param profiles   the profiles VK returned (ids VK does not know are absent)
     * @param nextCursor where the next batch starts
     * @param done       true when there is no next batch
     */
    record Batch(List<VkProfile> profiles, String nextCursor, boolean done) {
    }
}
