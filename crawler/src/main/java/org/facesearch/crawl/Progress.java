package org.facesearch.crawl;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * What is shown beside the bar or logged, short so that it fits beside the bar: faces, and photos when the bar
     * counts something else (profiles); photos without a face, already stored or failed only when there are some.
     */
    static String describe(StoreCounts sum, String unit) {
        List<String> parts = new ArrayList<>();
        if (!unit.equals("photos")) parts.add(sum.photos() + " photos");
        parts.add(sum.faces() + " faces");
        if (sum.noFace() > 0) parts.add(sum.noFace() + " without a face");
        if (sum.duplicates() > 0) parts.add(sum.duplicates() + " already stored");
        if (sum.failed() > 0) {
            parts.add(sum.failed() + " failed" + (sum.retryLater() > 0 ? " (" + sum.retryLater() + " to retry)" : ""));
        }
        return String.join(", ", parts);
    }
}
