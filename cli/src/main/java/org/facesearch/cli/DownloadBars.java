package org.facesearch.cli;

import me.tongfei.progressbar.ProgressBar;
import org.facesearch.fetch.DownloadBar;
import org.facesearch.fetch.DownloadProgress;

/**
 * The terminal bar of a download (the face models, the sample photos): megabytes done of the total, MB/s and ETA,
 * live on stderr. Found by {@code core} through {@link java.util.ServiceLoader} ({@code META-INF/services}).
 */
public final class DownloadBars implements DownloadBar {

    @Override
    public DownloadProgress open() {
        return new DownloadProgress() {
            private ProgressBar bar;

            @Override
            public void start(String what, long totalBytes) {
                bar = ProgressBars.openBytes(what, totalBytes);
            }

            @Override
            public void advance(long bytes) {
                bar.stepBy(bytes);
            }

            @Override
            public void finish() {
                if (bar != null) bar.close();
                bar = null;
            }
        };
    }
}
