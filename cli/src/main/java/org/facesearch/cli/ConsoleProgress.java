package org.facesearch.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;

/**
 * A recluster's (or a vector import's) progress as a {@link ProgressBars} bar counting faces, with rate and ETA when
 * the total is known. The bar appears only once the step has run for {@link #SHOW_AFTER}: a step that ends sooner (a
 * few thousand faces) would otherwise draw a bar after the fact, with no rate to show; the command's report line says
 * what it did either way.
 */
public final class ConsoleProgress extends StepProgress {
    static final Duration SHOW_AFTER = Duration.ofSeconds(1);

    private ProgressBar bar;

    @Override
    protected void advanced(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        if (elapsed.compareTo(SHOW_AFTER) >= 0) {
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
