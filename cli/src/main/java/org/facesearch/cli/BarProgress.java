package org.facesearch.cli;

import java.util.OptionalLong;
import me.tongfei.progressbar.ProgressBar;
import org.facesearch.crawl.Progress;
import org.facesearch.crawl.StoreCounts;

/**
 * The crawl's and the import's progress as a {@link ProgressBars} bar counting profiles or photos, with their rate,
 * the ETA when the source has an end, and photos/faces/errors beside it.
 */
final class BarProgress implements Progress {
    private ProgressBar bar;
    private String unit;

    @Override
    public void start(String task, String unit, long done, OptionalLong total) {
        this.unit = unit;
        bar = ProgressBars.open(task, unit, done, total.orElse(-1));
    }

    @Override
    public void total(long total) {
        bar.maxHint(total);
    }

    @Override
    public void batch(long units, StoreCounts sum) {
        bar.stepBy(units);
        bar.setExtraMessage(" " + Progress.describe(sum, unit));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
