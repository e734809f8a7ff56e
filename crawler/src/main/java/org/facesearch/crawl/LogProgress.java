package org.facesearch.crawl;

import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as one log line per committed batch, for {@code --quiet} runs and logs of unattended crawls. */
public final class LogProgress implements Progress {
    private static final Logger LOG = LoggerFactory.getLogger(LogProgress.class);

    private String task;
    private String unit;
    private long done;
    private long total = -1;
    private long startNanos;
    private long unitsThisRun;

    @Override
    public void start(String task, String unit, long done, OptionalLong total) {
        this.task = task;
        this.unit = unit;
        this.done = done;
        this.total = total.orElse(-1);
        this.startNanos = System.nanoTime();
        LOG.info("{}: starting at {} of {} {}", task, done, this.total < 0 ? "?" : this.total, unit);
    }

    @Override
    public void total(long total) {
        this.total = total;
    }

    @Override
    public void batch(long units, StoreCounts sum) {
        done += units;
        unitsThisRun += units;
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double rate = unitsThisRun / seconds;
        String eta = total < 0 || rate <= 0 ? "" : String.format(", ETA %ds", Math.round(Math.max(0, total - done) / rate));
        LOG.info("{}: {} of {} {}: {}; {} {}/s{}", task, done, total < 0 ? "?" : total, unit,
                Progress.describe(sum, unit), String.format("%.1f", rate), unit, eta);
    }

    @Override
    public void close() {
    }
}
