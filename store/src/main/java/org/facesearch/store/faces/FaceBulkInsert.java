package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.PROFILE;

import com.mysql.cj.MysqlType;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.StatementImpl;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.facesearch.store.DiskSpace;
import org.facesearch.store.NamedLock;
import org.facesearch.store.privacy.DoNotCollect;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The fast path for faces whose vectors are already known (embeddings migrated from another tool, or a
 * benchmark's synthetic faces): each face becomes a profile, a photo and a face row, written by multi-row
 * INSERTs of {@value #ROWS} rows through <em>server-side</em> prepared statements (prepared once per call), so the
 * 4 KB vectors travel as binary parameters instead of escaped SQL text (which is what makes the client-side path
 * slow: the server parses every vector as a literal). Each float32 row is stored in {@code VectorCodec}'s shorter
 * encoding, converted bit for bit without decoding the floats.
 *
 * <p>Each call is one transaction, and calls on different threads run at the same time: one's INSERTs run on the
 * server while another binds its rows. Ids. Where the server hands each multi-row INSERT consecutive
 * {@code AUTO_INCREMENT} values ({@code innodb_autoinc_lock_mode} 0 or 1, MariaDB's default, with an increment of
 * 1: InnoDB reserves a "simple insert"'s values at once), the rows of a statement take the ids from its
 * {@code LAST_INSERT_ID} on, and no call waits for another. Elsewhere (MySQL 8's default mode 2 may interleave two
 * statements' values) a call takes the next ids itself under {@code SELECT MAX(id) ... FOR UPDATE}, which locks the
 * end of each primary key so that other writers wait rather than collide, and such calls take turns under a named
 * lock ({@code GET_LOCK}) to keep two of them from deadlocking on those locks.
 *
 * <p>A face whose profile {@code (source, external_id)} is already stored, or repeats an earlier one of the same
 * call, is skipped, so a re-run after a kill stores only what the killed run had not committed; a face whose profile
 * is on the do-not-collect list is skipped too (read with a shared lock, so a forget running meanwhile is waited
 * for). A call that meets the same profile in a concurrent call's uncommitted rows (a duplicate key), or a deadlock,
 * is rolled back and run again, up to {@value #ATTEMPTS} times in all. The faces are not assigned to clusters here;
 * a recluster afterwards does that for all of them at once.
 */
public final class FaceBulkInsert {
    /** Rows per INSERT statement: 512 faces' vectors are 2 MB at 1024-d, well under max_allowed_packet. */
    static final int ROWS = 512;
    /** Runs of one call: the first and those after a duplicate key or deadlock with a concurrent call. */
    static final int ATTEMPTS = 3;
    private static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;
    /**
     * Ids looked up in one query of the already-stored and do-not-collect checks: the range optimiser's cost of an IN
     * list grows faster than its length (16,384 ids took a tenth of an import's server time, much of it in memory).
     */
    private static final int LOOKUP = 1_024;
    /**
     * The named lock of the calls that assign ids themselves: two holding {@code SELECT MAX(id) ... FOR UPDATE} at
     * once deadlock (each one's gap lock on the end of the key blocks the other's insert), so they take turns.
     */
    private static final String ID_LOCK = "facesearch-bulk-ids";
    private static final int ID_LOCK_SECONDS = 600;
    /**
     * The free disk space a call asks for before it writes ({@link DiskSpace}), as a multiple of its vectors' bytes: a
     * face takes about as much on disk as its float32 vector (3.7 KB at 1024-d with its photo and profile), and an
     * estimate that guards against a full disk had better err high.
     */
    private static final long DISK_FACTOR = 2;

    private FaceBulkInsert() {
    }

    /** What one call did with its faces: stored, skipped as already stored, skipped as on the do-not-collect list. */
    public record Outcome(int stored, int alreadyStored, int notCollected) {
        public Outcome plus(Outcome other) {
            return new Outcome(stored + other.stored, alreadyStored + other.alreadyStored, notCollected + other.notCollected);
        }
    }

    /**
     * Stores {@code count} faces of {@code model} from source {@code source}: face {@code i} has the vector bytes
     * (little-endian float32) at index {@code i * vectorBytes} of {@code vectors}, the profile external id {@code externalIds[i]}
     * and name {@code names[i]}.
     *
     * @param photoUrl where the photos came from, e.g. {@code vectors:FILE}; each photo's URL is this plus {@code #row}
     * @param firstRow the row number of face 0 in its source, for those URLs
     */
    public static Outcome insert(DataSource dataSource, String model, String source, String photoUrl, long firstRow,
            String[] externalIds, String[] names, ByteBuffer vectors, int count, int vectorBytes) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(dataSource, model, source, photoUrl, firstRow, externalIds, names, vectors, count, vectorBytes);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || e.getErrorCode() != DUPLICATE_KEY && e.getErrorCode() != DEADLOCK) {
                    throw e;
                }
            }
        }
    }

    private static Outcome attempt(DataSource dataSource, String model, String source, String photoUrl, long firstRow,
            String[] externalIds, String[] names, ByteBuffer vectors, int count, int vectorBytes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // with consecutive AUTO_INCREMENT values each statement's first id is known once it has run; otherwise this
            // call assigns the ids, one call at a time
            boolean serverIds = consecutiveAutoIncrement(connection);
            try (NamedLock ids = serverIds ? null : lockIds(connection)) {
                return transaction(connection, serverIds, model, source, photoUrl, firstRow, externalIds, names, vectors, count,
                        vectorBytes);
            }
        }
    }

    private static Outcome transaction(Connection connection, boolean serverIds, String model, String source, String photoUrl,
            long firstRow, String[] externalIds, String[] names, ByteBuffer vectors, int count, int vectorBytes)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        // every id is assigned here, each face's photo and profile in the same transaction: skip the foreign-key
        // lookups (two a face); unique keys are still checked
        setForeignKeyChecks(connection, false);
        try {
            DiskSpace.require(connection, DISK_FACTOR * count * vectorBytes, String.format(Locale.ROOT, "storing %,d faces", count));
            DSLContext tx = DSL.using(connection, SQLDialect.MYSQL);
            Set<String> listed = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (int from = 0; from < count; from += LOOKUP) {
                List<String> ids = Arrays.asList(externalIds).subList(from, Math.min(count, from + LOOKUP));
                listed.addAll(DoNotCollect.listedLocked(tx, source, ids));
                seen.addAll(tx.select(PROFILE.EXTERNAL_ID).from(PROFILE)
                        .where(PROFILE.SOURCE.eq(source), PROFILE.EXTERNAL_ID.in(ids)).fetch(PROFILE.EXTERNAL_ID));
            }
            int[] keep = new int[count];
            int kept = 0;
            int notCollected = 0;
            for (int i = 0; i < count; i++) {
                if (listed.contains(externalIds[i])) {
                    notCollected++;
                } else if (seen.add(externalIds[i])) {
                    keep[kept++] = i;
                }
            }
            write(connection, serverIds, model, source, photoUrl, firstRow, externalIds, names, vectors, vectorBytes,
                    Arrays.copyOf(keep, kept));
            connection.commit();
            return new Outcome(kept, count - kept - notCollected, notCollected);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            setForeignKeyChecks(connection, true);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void write(Connection connection, boolean serverIds, String model, String source, String photoUrl, long firstRow,
            String[] externalIds, String[] names, ByteBuffer vectors, int vectorBytes, int[] rows) throws SQLException {
        if (rows.length == 0) {
            return;
        }
        // null: the server's ids
        Long profileBase = serverIds ? null : nextId(connection, "profile");
        Long photoBase = serverIds ? null : nextId(connection, "photo");
        Long faceBase = serverIds ? null : nextId(connection, "face");
        JdbcConnection server = connection.unwrap(JdbcConnection.class);
        byte[] row = new byte[vectorBytes];
        Statements full = null;
        try {
            for (int first = 0; first < rows.length; first += ROWS) {
                int n = Math.min(ROWS, rows.length - first);
                Statements statements;
                if (n == ROWS) {
                    if (full == null) {
                        full = new Statements(server, ROWS);
                    }
                    statements = full;
                } else {
                    statements = new Statements(server, n);
                }
                try {
                    for (int r = 0; r < n; r++) {
                        int i = rows[first + r];
                        setId(statements.profiles, 4 * r + 1, profileBase, first + r);
                        statements.profiles.setString(4 * r + 2, source);
                        statements.profiles.setString(4 * r + 3, externalIds[i]);
                        statements.profiles.setString(4 * r + 4, names[i]);
                    }
                    long profileFirst = execute(statements.profiles, profileBase, first);
                    for (int r = 0; r < n; r++) {
                        int i = rows[first + r];
                        setId(statements.photos, 3 * r + 1, photoBase, first + r);
                        statements.photos.setLong(3 * r + 2, profileFirst + r);
                        statements.photos.setString(3 * r + 3, photoUrl + "#" + (firstRow + i));
                    }
                    long photoFirst = execute(statements.photos, photoBase, first);
                    for (int r = 0; r < n; r++) {
                        int i = rows[first + r];
                        setId(statements.faces, 5 * r + 1, faceBase, first + r);
                        statements.faces.setLong(5 * r + 2, photoFirst + r);
                        statements.faces.setLong(5 * r + 3, profileFirst + r);
                        statements.faces.setString(5 * r + 4, model);
                        vectors.get(i * vectorBytes, row);
                        byte[] vector = VectorCodec.encode(row, 0, vectorBytes / Float.BYTES);
                        // typed BLOB: a plain setBytes travels as a string the server checks as utf8mb4, byte by byte
                        statements.faces.setObject(5 * r + 5, vector, MysqlType.BLOB);
                    }
                    statements.faces.executeUpdate();
                } finally {
                    if (statements != full) {
                        statements.close();
                    }
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
    }

    /** The three multi-row INSERTs of {@code n} rows, prepared on the server. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement profiles;
        final PreparedStatement photos;
        final PreparedStatement faces;

        Statements(JdbcConnection server, int n) throws SQLException {
            profiles = server.serverPrepareStatement(rows(
                    "insert into profile (id, source, external_id, display_name, status) values ", "(?,?,?,?,'ok')", n));
            photos = server.serverPrepareStatement(rows("insert into photo (id, profile_id, url, status) values ", "(?,?,?,'ok')", n));
            faces = server.serverPrepareStatement(rows("insert into face (id, photo_id, profile_id, box_x, box_y, box_w, box_h,"
                    + " score, model, vector) values ", "(?,?,?,0,0,1,1,1,?,?)", n));
        }

        @Override
        public void close() throws SQLException {
            try (profiles; photos; faces) {
                // closes all three, the first failure thrown
            }
        }
    }

    /** Binds row {@code k}'s id: {@code base + k}, or NULL for the server's next {@code AUTO_INCREMENT} value. */
    private static void setId(PreparedStatement statement, int index, Long base, int k) throws SQLException {
        if (base == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, base + k);
        }
    }

    /**
     * Runs a multi-row INSERT whose first row is row {@code first} of the call and returns that row's id: the server's
     * first generated value ({@code LAST_INSERT_ID}, the rest following it) or {@code base + first}.
     */
    private static long execute(PreparedStatement insert, Long base, int first) throws SQLException {
        insert.executeUpdate();
        return base == null ? insert.unwrap(StatementImpl.class).getLastInsertID() : base + first;
    }

    /**
     * Whether the server gives the rows of a multi-row INSERT consecutive {@code AUTO_INCREMENT} values: InnoDB's
     * lock modes 0 ("traditional") and 1 ("consecutive") guarantee it for an INSERT whose row count is known, mode 2
     * ("interleaved") does not, and an increment other than 1 spaces them out.
     */
    private static boolean consecutiveAutoIncrement(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet modes = statement.executeQuery("select @@innodb_autoinc_lock_mode, @@auto_increment_increment")) {
            modes.next();
            return modes.getInt(1) <= 1 && modes.getInt(2) == 1;
        }
    }

    /**
     * Takes {@link #ID_LOCK} on the call's own connection (a session's lock, outside its transactions), so that a call
     * never waits for a second connection from a small pool that the other writers hold.
     */
    private static NamedLock lockIds(Connection connection) throws SQLException {
        return NamedLock.acquire(DSL.using(connection, SQLDialect.MYSQL), ID_LOCK, ID_LOCK_SECONDS).orElseThrow(
                () -> new SQLException("another bulk insert held the lock '" + ID_LOCK + "' on this database's ids for "
                        + ID_LOCK_SECONDS + " s: is an import stuck? Try again when it has ended"));
    }

    private static void setForeignKeyChecks(Connection connection, boolean on) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set foreign_key_checks = " + (on ? 1 : 0));
        }
    }

    private static long nextId(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet max = statement.executeQuery("select coalesce(max(id), 0) from " + table + " for update")) {
            max.next();
            return max.getLong(1) + 1;
        }
    }

    private static String rows(String insert, String row, int n) {
        return insert + String.join(",", Collections.nCopies(n, row));
    }
}
