package org.facesearch.crawl;

import java.util.OptionalLong;

/**
 * Progress of a crawl or import, reported after each committed batch. The command line draws a progress bar,
 * {@link LogProgress} writes one log line per batch ({@code --quiet}).
 */
public interface Progress extends AutoCloseable {
    /**
     * @param unit  what is counted: {@code profiles} (crawl) or {@code photos} (import)
     * @param done  units already behind the cursor when this run starts (a resumed crawl)
     * @param total units in the source, when known
     */
    void start(String task, String unit, long done, OptionalLong total);

    /** The source's total became known (a group, after its first page). */
    void total(long total);

    /** A batch of {@code units} was committed; {@code sum} is the run's totals so far. */
    void batch(long units, StoreCounts sum);

    /** Ends the display; safe to call more than once. */
    @Override
    void close();

    /** What is shown beside the bar or logged: photos, faces, errors; short, so that it fits beside the bar. */
    static String describe(StoreCounts sum) {
        return sum.photos() + " photos, " + sum.faces() + " faces, " + sum.failed() + " errors";
    }
}
