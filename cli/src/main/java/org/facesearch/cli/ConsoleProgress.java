package org.facesearch.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import org.facesearch.cluster.ReclusterProgress;

/**
 * A recluster's progress as a {@link ProgressBars} bar counting faces, with rate and ETA. The bar appears only once
 * the step has run for {@link #SHOW_AFTER}: a step that ends sooner (a few thousand faces) would otherwise draw a
 * bar after the fact, with no rate to show; the command's report line says what it did either way.
 */
public final class ConsoleProgress implements ReclusterProgress {
    static final Duration SHOW_AFTER = Duration.ofSeconds(1);

    private ProgressBar bar;
    private String task;
    private long total;
    private long done;
    private long startNanos;

    @Override
    public void start(String task, long total) {
        finish();
        this.task = task;
        this.total = total;
        this.done = 0;
        this.startNanos = System.nanoTime();
    }

    @Override
    public void advance(long steps) {
        done += steps;
        if (bar != null) {
            bar.stepBy(steps);
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        if (task != null && elapsed.compareTo(SHOW_AFTER) >= 0) {
            bar = ProgressBars.open(task, "faces", done, total, elapsed);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        task = null;
    }
}
