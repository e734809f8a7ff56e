package org.facesearch.store.faces;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import javax.sql.DataSource;
import org.facesearch.vector.VectorCodec;

/**
 * The fast path for faces whose vectors are already known (embeddings migrated from another tool, or a
 * benchmark's synthetic faces): each face becomes a profile, a photo and a face row, written by multi-row
 * INSERTs of {@value #ROWS} rows through <em>server-side</em> prepared statements, so the 4 KB vectors travel
 * as binary parameters instead of escaped SQL text (which is what makes the client-side path slow: the server
 * parses every vector as a literal).
 *
 * <p>Each call is one transaction that takes the next ids of the three tables itself ({@code SELECT MAX(id) ...
 * FOR UPDATE} locks the end of each primary key, so a concurrent writer waits rather than colliding). The faces
 * are not assigned to clusters here; a recluster afterwards does that for all of them at once.
 */
public final class FaceBulkInsert {
    /** Rows per INSERT statement: 512 faces' vectors are 2 MB at 1024-d, well under max_allowed_packet. */
    static final int ROWS = 512;

    private FaceBulkInsert() {
    }

    /**
     * Stores {@code count} faces of {@code model} from source {@code source}: face {@code i} has the vector at
     * {@code vectors[i * dimension]}, the profile external id {@code externalIds[i]} and name {@code names[i]}.
     *
     * @param photoUrl where the photos came from, e.g. {@code vectors:FILE}; each photo's URL is this plus {@code #row}
     * @param firstRow the row number of face 0 in its source, for those URLs
     */
    public static void insert(DataSource dataSource, String model, String source, String photoUrl, long firstRow,
            String[] externalIds, String[] names, float[] vectors, int count, int dimension) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                long profileBase = nextId(connection, "profile");
                long photoBase = nextId(connection, "photo");
                long faceBase = nextId(connection, "face");
                JdbcConnection server = connection.unwrap(JdbcConnection.class);
                for (int first = 0; first < count; first += ROWS) {
                    int n = Math.min(ROWS, count - first);
                    try (PreparedStatement profiles = server.serverPrepareStatement(rows(
                            "insert into profile (id, source, external_id, display_name, status) values ", "(?,?,?,?,'ok')", n));
                            PreparedStatement photos = server.serverPrepareStatement(rows(
                                    "insert into photo (id, profile_id, url, status) values ", "(?,?,?,'ok')", n));
                            PreparedStatement faces = server.serverPrepareStatement(rows("insert into face (id, photo_id,"
                                    + " profile_id, box_x, box_y, box_w, box_h, score, model, vector) values ",
                                    "(?,?,?,0,0,1,1,1,?,?)", n))) {
                        for (int r = 0; r < n; r++) {
                            int i = first + r;
                            profiles.setLong(4 * r + 1, profileBase + i);
                            profiles.setString(4 * r + 2, source);
                            profiles.setString(4 * r + 3, externalIds[i]);
                            profiles.setString(4 * r + 4, names[i]);
                            photos.setLong(3 * r + 1, photoBase + i);
                            photos.setLong(3 * r + 2, profileBase + i);
                            photos.setString(3 * r + 3, photoUrl + "#" + (firstRow + i));
                            faces.setLong(5 * r + 1, faceBase + i);
                            faces.setLong(5 * r + 2, photoBase + i);
                            faces.setLong(5 * r + 3, profileBase + i);
                            faces.setString(5 * r + 4, model);
                            float[] vector = new float[dimension];
                            System.arraycopy(vectors, i * dimension, vector, 0, dimension);
                            faces.setBytes(5 * r + 5, VectorCodec.encode(vector));
                        }
                        profiles.executeUpdate();
                        photos.executeUpdate();
                        faces.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
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
