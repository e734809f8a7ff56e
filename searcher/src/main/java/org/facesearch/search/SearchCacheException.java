package org.facesearch.search;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The search cache ({@link CodeFiles}) could not be written: the message names the file, the cause and what to do
 * (free disk space, make the directory writable), so a command can show it to its user as it is.
 */
public final class SearchCacheException extends UncheckedIOException {
    public SearchCacheException(String message, IOException cause) {
        super(message, cause);
    }
}
