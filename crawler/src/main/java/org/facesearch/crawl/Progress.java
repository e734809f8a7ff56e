package org.facesearch.crawl;

import java.util.OptionalLong;

/**
 * Progress of a crawl or import, reported after each committed batch. {@link BarProgress} draws a progress bar,
 * {@link LogProgress} writes one log line per batch ({@code --quiet}).
 */
public interface Progress extends AutoCloseable {
    /**
     * @param done  profiles already behind the cursor when this run starts (a resumed crawl)
     * @param total profiles in the source, when known
     */
    void start(String task, long done, OptionalLong total);

    /** The source's total became known (a group, after its first page). */
    void total(long total);

    /** A batch of {@code profiles} was committed; {@code sum} is the run's totals so far. */
    void batch(long profiles, StoreCounts sum);

    /** Ends the display; safe to call more than once. */
    @Override
    void close();

    /** The line shown beside the bar or logged: photos, faces, errors. */
    static String describe(StoreCounts sum) {
        return "photos " + sum.photos() + ", faces " + sum.faces() + ", no face " + sum.noFace() + ", errors "
                + sum.failed() + ", duplicates " + sum.duplicates();
    }
}
