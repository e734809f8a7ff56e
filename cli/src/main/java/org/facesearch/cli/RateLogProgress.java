package org.facesearch.cli;

import java.time.Duration;
import org.facesearch.cluster.ReclusterProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long step's progress as log lines, for {@code --quiet} runs whose output goes to a file (a 10M-face import
 * piped from another program): the count so far, of the total when known, and the rate, at most one line every
 * {@link #EVERY} and one when the step ends.
 */
final class RateLogProgress implements ReclusterProgress {
    static final Duration EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RateLogProgress.class);

    private String task;
    private long total;
    private long done;
    private long startNanos;
    private long lastLogNanos;

    @Override
    public void start(String task, long total) {
        finish();
        this.task = task;
        this.total = total;
        this.done = 0;
        this.startNanos = System.nanoTime();
        this.lastLogNanos = startNanos;
    }

    @Override
    public void advance(long steps) {
        done += steps;
        long now = System.nanoTime();
        if (task != null && now - lastLogNanos >= EVERY.toNanos()) {
            lastLogNanos = now;
            log(now);
        }
    }

    @Override
    public void finish() {
        if (task != null && done > 0) {
            log(System.nanoTime());
        }
        task = null;
    }

    private void log(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        LOG.info(String.format("%s: %,d%s faces in %.0f s, %,.0f faces/s", task, done,
                total < 0 ? "" : String.format(" of %,d", total), seconds, done / seconds));
    }
}
