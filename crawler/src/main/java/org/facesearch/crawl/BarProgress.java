package org.facesearch.crawl;

import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A terminal progress bar (me.tongfei:progressbar) counting profiles or photos, with their rate, the ETA when the source has
 * an end, and photos/faces/errors beside it. Drawn on {@code out} (stderr, so stdout stays for results).
 */
public final class BarProgress implements Progress {
    private final PrintStream out;
    private ProgressBar bar;

    public BarProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String task, String unit, long done, OptionalLong total) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total.orElse(-1))
                .setUnit(" " + unit, 1)
                .showSpeed()
                .startsFrom(done, Duration.ZERO)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void total(long total) {
        bar.maxHint(total);
    }

    @Override
    public void batch(long units, StoreCounts sum) {
        bar.stepBy(units);
        bar.setExtraMessage(" " + Progress.describe(sum));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
