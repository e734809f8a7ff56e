package org.facesearch.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.facesearch.store.DatabaseException;
import org.facesearch.store.DiskSpace;
import org.facesearch.vector.VectorCodec;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encodes the stored face vectors in {@code VectorCodec}'s sparse encoding wherever it is shorter (faceres' ReLU
 * output is about a third exact zeros: ~2.9 KB instead of 4 KB at 1024-d), then turns page compression off for the
 * {@code face} table again (on since migration 21). With the zeros gone, zlib gains next to nothing on a page of
 * vectors, yet compressing the pages was half the CPU of a bulk import: a face now stays under 5 KB on disk without
 * it (BENCHMARKS.md, issue 13). The other tables keep their compression (text and codes, cheap to write).
 *
 * <p>Resumable: faces are walked in id order, {@value #BATCH} at a time, each batch's updates committed together;
 * every row is in one encoding or the other, both read bit-exact, so a kill loses nothing and leaves no row
 * half-written. Flyway records the migration only when it finishes, so the next start runs it again: it reads the
 * rows again and rewrites only those still in float32. The {@code ALTER TABLE} copies the table ({@code ALGORITHM=COPY},
 * see migration 21) and is atomic; it is skipped when the table is not compressed (MySQL 8, or a second run).
 */
public final class V22__PackFaceVectors extends BaseJavaMigration {
    static final int BATCH = 1_024;
    /** Faces between two progress lines: the upgrade of a 10M database takes ~30 minutes here. */
    private static final long REPORT_EVERY = 256L * BATCH;
    private static final Logger log = LoggerFactory.getLogger(V22__PackFaceVectors.class);

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        requireDiskSpace(context.getConnection());
        pack(context.getConnection(), BATCH, Long.MAX_VALUE);
        uncompress(context.getConnection());
    }

    /**
     * Refuses to start without free space for twice the {@code face} table's logical size
     * ({@code 2 * data_length + index_length}) beside {@link DiskSpace}'s reserve. Rewriting the rows of a
     * page-compressed table can make its pages need up to their uncompressed size in disk blocks, and the old rows
     * stay in the undo log until they are purged; the copy then needs the new table's size. InnoDB does not survive
     * running out of disk while it rewrites an existing page of such a table (seen on a full tmpfs, 200,000 faces,
     * 357 MB free), whereas a copy that runs out fails cleanly and is redone at the next start (seen too). So this is
     * checked first.
     */
    static void requireDiskSpace(Connection connection) throws SQLException {
        long needed;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select coalesce(2 * data_length + index_length, 0)"
                        + " from information_schema.tables where table_schema = database() and table_name = 'face'")) {
            if (!row.next()) {
                return;
            }
            needed = row.getLong(1);
        }
        try {
            DiskSpace.require(connection, needed, "upgrading the database to schema 22 (twice the face table's size)");
        } catch (DatabaseException e) {
            throw new SQLException(e.getMessage() + " (nothing was changed)", e);
        }
    }

    /**
     * Re-encodes the vectors of at most {@code maxBatches} batches of {@code batch} faces, each batch committed (all
     * of them with {@link Long#MAX_VALUE}); returns the vectors rewritten.
     */
    static long pack(Connection connection, int batch, long maxBatches) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement page = connection.prepareStatement("select id, vector from face where id > ? order by id limit ?");
                PreparedStatement update = connection.prepareStatement("update face set vector = ? where id = ?")) {
            long packed = 0;
            long seen = 0;
            long report = REPORT_EVERY;
            long lastId = 0;
            for (long batches = 0; batches < maxBatches; batches++) {
                page.setLong(1, lastId);
                page.setInt(2, batch);
                int rows = 0;
                try (ResultSet faces = page.executeQuery()) {
                    while (faces.next()) {
                        rows++;
                        seen++;
                        lastId = faces.getLong(1);
                        byte[] stored = faces.getBytes(2);
                        if (stored.length % Float.BYTES == 0) {
                            byte[] encoded = VectorCodec.encode(stored, 0, stored.length / Float.BYTES);
                            if (encoded.length < stored.length) {
                                update.setBytes(1, encoded);
                                update.setLong(2, lastId);
                                update.addBatch();
                                packed++;
                            }
                        }
                    }
                }
                if (rows == 0) {
                    break;
                }
                update.executeBatch();
                connection.commit();
                if (seen >= report) {
                    log.info("upgrade to schema 22: {} face vectors read, {} of them stored sparse; the rest and a copy of"
                            + " the face table follow (nothing is lost if stopped: the next start goes on)", seen, packed);
                    report += REPORT_EVERY;
                }
            }
            return packed;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Turns page compression off for {@code face}; returns whether it was on. */
    static boolean uncompress(Connection connection) throws SQLException {
        if (!V21__CompressPages.compressed(connection, "face")) {
            return false;
        }
        try (Statement alter = connection.createStatement()) {
            try (ResultSet any = alter.executeQuery("select exists (select 1 from face)")) {
                if (any.next() && any.getBoolean(1)) {   // a new database's empty table is not worth a line
                    log.info("upgrade to schema 22: copying the face table without page compression (minutes per million faces)");
                }
            }
            alter.execute("alter table face page_compressed = default, page_compression_level = default, algorithm = copy");
        } catch (SQLException e) {
            // the likeliest cause: the copy needs about the table's size again in free disk space until it is done;
            // not chained, so that this is the message a user sees (the server's own is in it)
            throw new SQLException("copying the face table failed (" + e.getMessage() + "); it needs free disk space of"
                    + " about the table's size beside the database: free some and start again, the face table is as"
                    + " it was and nothing is lost", e.getSQLState(), e.getErrorCode());
        }
        return true;
    }
}
