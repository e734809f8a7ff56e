package org.facesearch.fetch;

import java.io.Console;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * What a download reports while it runs, in bytes: {@link #start} once with the size (-1 when the server does not
 * say), {@link #advance} per chunk written, {@link #finish} once at the end, whether it succeeded or not.
 */
public interface DownloadProgress {

    void start(String what, long totalBytes);

    void advance(long bytes);

    void finish();

    /**
     * A live bar on a terminal (when the distribution provides a {@link DownloadBar}), else a line every few seconds
     * with bytes, rate and ETA to {@code lines} (a log, a pipe, a test).
     */
    static DownloadProgress forConsole(Consumer<String> lines) {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            for (DownloadBar bar : ServiceLoader.load(DownloadBar.class)) return bar.open();
        }
        return new LoggedDownloadProgress(lines);
    }
}
