package org.facesearch.cli;

import org.facesearch.cluster.ReclusterProgress;

/**
 * What the CLI's ways of showing a long step's progress share: the step's name, its total (-1 when unknown), the
 * count so far and when it started; {@link ConsoleProgress} draws it as a bar, {@link RateLogProgress} logs it.
 */
abstract class StepProgress implements ReclusterProgress {
    /** The running step, or null between steps. */
    protected String task;
    protected long total;
    protected long done;
    protected long startNanos;

    @Override
    public final void start(String task, long total) {
        finish();
        this.task = task;
        this.total = total;
        this.done = 0;
        this.startNanos = System.nanoTime();
    }

    @Override
    public final void advance(long steps) {
        done += steps;
        if (task != null) {
            advanced(steps);
        }
    }

    /** {@code steps} more done in the running step ({@link #done} counts them already). */
    protected abstract void advanced(long steps);
}
