package org.facesearch.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.index.CandidateScan;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Step 2 of replacing {@code face_cluster}'s vector copies with codes (see {@code V2__face_cluster_code.sql}):
 * computes the code of every row that has none yet, from the row's vector and its clustering's centroids.
 *
 * <p>Resumable: rows are walked in primary-key order, a batch of {@value #BATCH} at a time, and each batch's
 * codes are committed together. Nothing is deleted here, so a kill loses at most the uncommitted batch; Flyway
 * records the migration only when it finishes, so the next start runs it again and it fills only the rows still
 * without a code. Runs outside Flyway's transaction for that reason.
 */
public final class V3__EncodeFaceClusterCodes extends BaseJavaMigration {
    static final int BATCH = 2_048;
    private static final String PAGE = "select cluster_id, face_id, vector from face_cluster where clustering_id = ?"
            + " and (cluster_id > ? or (cluster_id = ? and face_id > ?)) and code is null"
            + " order by cluster_id, face_id limit ?";

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        encode(context.getConnection(), BATCH, Long.MAX_VALUE);
    }

    /**
     * Fills the codes of at most {@code maxBatches} batches of {@code batch} rows, each committed (all of them with
     * {@link Long#MAX_VALUE}); returns the rows coded.
     */
    static long encode(Connection connection, int batch, long maxBatches) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long coded = 0;
            long batches = 0;
            for (long clustering : clusterings(connection)) {
                CandidateScan scan = new CandidateScan(centroids(connection, clustering));
                int lastCluster = -1;
                long lastFace = -1;
                while (batches < maxBatches) {
                    List<Object[]> rows = page(connection, clustering, lastCluster, lastFace, batch);
                    if (rows.isEmpty()) {
                        break;
                    }
                    try (PreparedStatement update = connection.prepareStatement("update face_cluster set code = ?"
                            + " where clustering_id = ? and cluster_id = ? and face_id = ?")) {
                        for (Object[] row : rows) {
                            int cluster = (int) row[0];
                            float[] vector = VectorCodec.decode((byte[]) row[2]);
                            update.setBytes(1, scan.codeBytes(vector, 0, cluster));
                            update.setLong(2, clustering);
                            update.setInt(3, cluster);
                            update.setLong(4, (long) row[1]);
                            update.addBatch();
                        }
                        update.executeBatch();
                    }
                    connection.commit();
                    coded += rows.size();
                    batches++;
                    Object[] last = rows.getLast();
                    lastCluster = (int) last[0];
                    lastFace = (long) last[1];
                }
            }
            return coded;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<Long> clusterings(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id from clustering order by id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static Centroids centroids(Connection connection, long clustering) throws SQLException {
        List<float[]> vectors = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select cluster_id, vector from centroid where clustering_id = ? order by cluster_id")) {
            select.setLong(1, clustering);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getInt(1) != vectors.size()) {
                        throw new IllegalStateException("clustering " + clustering + " lacks centroid " + vectors.size());
                    }
                    vectors.add(VectorCodec.decode(rows.getBytes(2)));
                }
            }
        }
        if (vectors.isEmpty()) {
            throw new IllegalStateException("clustering " + clustering + " has no centroids");
        }
        int dimension = vectors.getFirst().length;
        float[] data = new float[vectors.size() * dimension];
        for (int c = 0; c < vectors.size(); c++) {
            System.arraycopy(vectors.get(c), 0, data, c * dimension, dimension);
        }
        return new Centroids(data, vectors.size(), dimension);
    }

    private static List<Object[]> page(Connection connection, long clustering, int afterCluster, long afterFace,
            int limit) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setLong(1, clustering);
            select.setInt(2, afterCluster);
            select.setInt(3, afterCluster);
            select.setLong(4, afterFace);
            select.setInt(5, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] {result.getInt(1), result.getLong(2), result.getBytes(3)});
                }
            }
        }
        return rows;
    }
}
