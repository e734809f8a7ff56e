package org.facesearch.fetch;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A download's progress as plain lines, for output that is not a terminal: one when it starts, one every
 * {@link #EVERY} with bytes done, rate and ETA, and one when it ends. A bar redrawn with carriage returns would
 * fill a log file with thousands of fragments; these lines read well in a CI log.
 */
final class LoggedDownloadProgress implements DownloadProgress {
    static final Duration EVERY = Duration.ofSeconds(5);

    private final Consumer<String> lines;
    private String what;
    private long total, done, startNanos, lastLineNanos;

    LoggedDownloadProgress(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void start(String what, long totalBytes) {
        this.what = what;
        this.total = totalBytes;
        this.done = 0;
        this.startNanos = this.lastLineNanos = System.nanoTime();
        lines.accept("downloading " + what + " (" + (totalBytes < 0 ? "size unknown" : megabytes(totalBytes)) + ")");
    }

    @Override
    public void advance(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastLineNanos >= EVERY.toNanos()) {
            lastLineNanos = now;
            lines.accept(status(now));
        }
    }

    @Override
    public void finish() {
        if (what != null) lines.accept(status(System.nanoTime()));
        what = null;
    }

    private String status(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        var s = new StringBuilder("downloading ").append(what).append(": ").append(megabytes(done));
        if (total >= 0) s.append(" of ").append(megabytes(total));
        s.append(String.format(", %.1f MB/s", rate / 1e6));
        if (total >= 0 && done < total && rate > 0) s.append(", ETA ").append(Math.round((total - done) / rate)).append(" s");
        if (total >= 0 && done >= total) s.append(String.format(" in %.1f s", seconds));
        return s.toString();
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
