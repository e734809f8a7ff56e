package org.facesearch.cli;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long step's progress as log lines, for {@code --quiet} runs whose output goes to a file (a 10M-face import
 * piped from another program): the count so far, of the total when known, and the rate, at most one line every
 * {@link #EVERY} and one when the step ends.
 */
final class RateLogProgress extends StepProgress {
    static final Duration EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RateLogProgress.class);

    private long lastLogNanos;

    @Override
    protected void advanced(long steps) {
        long now = System.nanoTime();
        if (now - Math.max(lastLogNanos, startNanos) >= EVERY.toNanos()) {
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
