package org.facesearch.cli;

import java.text.DecimalFormat;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one place that builds a terminal progress bar (me.tongfei:progressbar): on stderr, so stdout carries only
 * results; ASCII, so it survives any terminal and log capture; with rate, and ETA when the total is known.
 * {@link BarProgress} (crawl and import), {@link ConsoleProgress} (recluster) and {@link DownloadBars} (model and
 * photo downloads) adapt it to their ports.
 */
final class ProgressBars {
    private ProgressBars() {
    }

    /**
     * @param unit  what is counted, e.g. {@code faces}
     * @param done  units already done when the bar starts (a resumed crawl)
     * @param total units in all, or -1 when unknown
     */
    static ProgressBar open(String task, String unit, long done, long total) {
        return open(task, unit, done, total, Duration.ZERO);
    }

    /** A bar opened late, when {@code done} units took {@code elapsed} (shown as elapsed time; rate and ETA count from now). */
    static ProgressBar open(String task, String unit, long done, long total, Duration elapsed) {
        return builder(task, total).setUnit(" " + unit, 1).showSpeed().startsFrom(done, elapsed).build();
    }

    /** A download's bar: counts bytes, shows megabytes and MB/s. */
    static ProgressBar openBytes(String task, long totalBytes) {
        return builder(task, totalBytes).setUnit(" MB", 1_000_000).showSpeed(new DecimalFormat("0.0")).build();
    }

    private static ProgressBarBuilder builder(String task, long total) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }
}
