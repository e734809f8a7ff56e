package org.facesearch.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.facesearch.cluster.ReclusterProgress;

/**
 * A progress bar on stderr (stdout carries only results) for long library tasks. One bar at a time; the bar
 * shows rate and ETA and is closed (printed complete) by {@link #finish()}.
 */
final class ConsoleProgress implements ReclusterProgress {
    private ProgressBar bar;

    @Override
    public void start(String task, long total) {
        finish();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" faces", 1).showSpeed().setUpdateIntervalMillis(500)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }

    @Override
    public void advance(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
