package org.facesearch.fetch;

/**
 * The terminal's progress bar for downloads, provided by the command line (a {@link java.util.ServiceLoader} service,
 * so that {@code core} needs no terminal library and library users get log lines instead).
 */
public interface DownloadBar {

    /** A fresh bar for one download. */
    DownloadProgress open();
}
