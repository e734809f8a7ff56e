package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.PROFILE;

import com.mysql.cj.MysqlType;
import com.mysql.cj.jdbc.JdbcConnection;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
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
 * <p>Each call is one transaction that takes the next ids of the three tables itself ({@code SELECT MAX(id) ...
 * FOR UPDATE} locks the end of each primary key, so a concurrent writer waits rather than colliding). A face whose
 * profile {@code (source, external_id)} is already stored, or repeats an earlier one of the same call, is skipped, so
 * a re-run after a kill stores only what the killed run had not committed; a face whose profile is on the
 * do-not-collect list is skipped too (read with a shared lock, so a forget running meanwhile is waited for). The
 * faces are not assigned to clusters here; a recluster afterwards does that for all of them at once.
 */
public final class FaceBulkInsert {
    /** Rows per INSERT statement: 512 faces' vectors are 2 MB at 1024-d, well under max_allowed_packet. */
    static final int ROWS = 512;

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
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            // every id is assigned here, each face's photo and profile in the same transaction: skip the foreign-key
            // lookups (two a face); unique keys are still checked
            setForeignKeyChecks(connection, false);
            try {
                DSLContext tx = DSL.using(connection, SQLDialect.MYSQL);
                List<String> ids = Arrays.asList(externalIds).subList(0, count);
                Set<String> listed = DoNotCollect.listedLocked(tx, source, ids);
                Set<String> seen = new HashSet<>(tx.select(PROFILE.EXTERNAL_ID).from(PROFILE)
                        .where(PROFILE.SOURCE.eq(source), PROFILE.EXTERNAL_ID.in(ids)).fetch(PROFILE.EXTERNAL_ID));
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
                write(connection, model, source, photoUrl, firstRow, externalIds, names, vectors, vectorBytes,
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
    }

    private static void write(Connection connection, String model, String source, String photoUrl, long firstRow,
            String[] externalIds, String[] names, ByteBuffer vectors, int vectorBytes, int[] rows) throws SQLException {
        if (rows.length == 0) {
            return;
        }
        long profileBase = nextId(connection, "profile");
        long photoBase = nextId(connection, "photo");
        long faceBase = nextId(connection, "face");
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
                        int k = first + r;
                        int i = rows[k];
                        statements.profiles.setLong(4 * r + 1, profileBase + k);
                        statements.profiles.setString(4 * r + 2, source);
                        statements.profiles.setString(4 * r + 3, externalIds[i]);
                        statements.profiles.setString(4 * r + 4, names[i]);
                        statements.photos.setLong(3 * r + 1, photoBase + k);
                        statements.photos.setLong(3 * r + 2, profileBase + k);
                        statements.photos.setString(3 * r + 3, photoUrl + "#" + (firstRow + i));
                        statements.faces.setLong(5 * r + 1, faceBase + k);
                        statements.faces.setLong(5 * r + 2, photoBase + k);
                        statements.faces.setLong(5 * r + 3, profileBase + k);
                        statements.faces.setString(5 * r + 4, model);
                        vectors.get(i * vectorBytes, row);
                        byte[] vector = VectorCodec.encode(row, 0, vectorBytes / Float.BYTES);
                        // typed BLOB: a plain setBytes travels as a string the server checks as utf8mb4, byte by byte
                        statements.faces.setObject(5 * r + 5, vector, MysqlType.BLOB);
                    }
                    statements.profiles.executeUpdate();
                    statements.photos.executeUpdate();
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
