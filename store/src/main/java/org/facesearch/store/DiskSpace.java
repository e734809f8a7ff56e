package org.facesearch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jooq.DSLContext;

/**
 * The check that stops a large write before the database's disk is full: free space on the disk of the server's
 * data directory ({@code @@datadir}), read where this process can see that directory (the embedded server, or a
 * server on this machine); a server whose directory is not visible here is not checked.
 *
 * <p>Why. InnoDB does not survive running out of disk while it rewrites a page of a page-compressed table
 * ({@code face_cluster}, {@code photo} and {@code profile} are): it reports the page corrupted at the next start and
 * refuses to open the table (seen on a full tmpfs). A write that stops before that loses nothing, since each caller
 * commits whole batches and resumes (an import skips what is stored; a recluster drops its unfinished clustering).
 * Each check asks for the caller's estimate of its next batch plus {@link #RESERVE}, which covers what InnoDB writes
 * beside the rows (undo, the page cleaner's flushes, temporary files).
 */
public final class DiskSpace {
    /** Kept free beyond each write's own estimate. */
    public static final long RESERVE = 256L << 20;
    private static final String DATADIR = "select @@datadir";

    private DiskSpace() {
    }

    /**
     * Throws a {@link DatabaseException} when the disk of the data directory has fewer than {@code bytes} plus
     * {@link #RESERVE} bytes free, its message saying so for {@code what} (e.g. "storing 16,384 faces") and that
     * nothing is lost; does nothing where the data directory is not visible.
     */
    public static void require(Connection connection, long bytes, String what) throws SQLException {
        String datadir;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(DATADIR)) {
            datadir = row.next() ? row.getString(1) : null;
        }
        require(datadir, bytes, what);
    }

    /** As {@link #require(Connection, long, String)}, through jOOQ (e.g. inside a caller's transaction). */
    public static void require(DSLContext db, long bytes, String what) {
        require((String) db.fetchValue(DATADIR), bytes, what);
    }

    private static void require(String datadir, long bytes, String what) {
        Path dir = visible(datadir);
        if (dir == null) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return;   // not checkable: proceed as with a remote server
        }
        long needed = bytes + RESERVE;
        if (free < needed) {
            throw new DatabaseException(String.format(Locale.ROOT, "%s needs about %,d MB free on the disk of %s (%,d MB"
                    + " for the data and %,d MB kept in reserve), and %,d MB are: stopped before the disk is full, with"
                    + " nothing half-written. Free some space and run the command again", what, mb(needed), dir,
                    mb(bytes), mb(RESERVE), mb(free)));
        }
    }

    /** The server's data directory {@code datadir}, or null where it is not a directory seen from here. */
    private static Path visible(String datadir) {
        if (datadir == null) {
            return null;
        }
        try {
            Path dir = Path.of(datadir);
            return Files.isDirectory(dir) ? dir : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static long mb(long bytes) {
        return Math.ceilDiv(bytes, 1L << 20);
    }
}
