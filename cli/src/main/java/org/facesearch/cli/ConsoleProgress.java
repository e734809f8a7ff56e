package org.facesearch.cli;

import me.tongfei.progressbar.ProgressBar;
import org.facesearch.cluster.ReclusterProgress;

/**
 * A recluster's progress as a {@link ProgressBars} bar counting faces. One bar at a time; the bar shows rate and
 * ETA and is closed (printed complete) by {@link #finish()}.
 */
public final class ConsoleProgress implements ReclusterProgress {
    private ProgressBar bar;

    @Override
    public void start(String task, long total) {
        finish();
        bar = ProgressBars.open(task, "faces", 0, total);
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
