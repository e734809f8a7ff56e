package org.facesearch.store.clusters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;

/**
 * Reads whole clusters of one clustering version from {@code face_cluster} into contiguous arrays: face ids in
 * {@link #ids()}, vectors row after row in {@link #vectors()}.
 *
 * <p>Each cluster is {@code WHERE clustering_id = ? AND cluster_id = ?}: InnoDB stores a cluster's rows
 * contiguously in primary-key order, each with a copy of the vector, so a cluster is one sequential range read
 * without lookups into {@code face}. Rows are streamed (Connector/J's {@code fetchSize(Integer.MIN_VALUE)}: no
 * driver-side buffering of the whole result) and every vector is copied from the row's bytes straight into the
 * array ({@link VectorCodec#decode(byte[], float[], int)}). The buffers grow to the largest read seen and are
 * reused, so one instance serves one thread at a time (not thread-safe).
 */
public final class ClusterRows {
    private static final String CLUSTER_ROWS =
            "select face_id, vector from face_cluster where clustering_id = ? and cluster_id = ?";

    private float[] vectors = new float[0];
    private long[] ids = new long[0];

    /**
     * Reads the rows of {@code clusters} of version {@code clusteringId} through {@code tx} (run it in the
     * transaction that chose the version, so both come from one snapshot); returns how many rows were read.
     */
    public int read(DSLContext tx, long clusteringId, int[] clusters, int dimension) {
        return tx.connectionResult(connection -> read(connection, clusteringId, clusters, dimension));
    }

    /** The face ids of the last read, valid up to the count it returned. */
    public long[] ids() {
        return ids;
    }

    /** The vectors of the last read, row after row, valid up to the count it returned. */
    public float[] vectors() {
        return vectors;
    }

    private int read(Connection connection, long clusteringId, int[] clusters, int dimension) throws SQLException {
        int count = 0;
        int rowBytes = dimension * Float.BYTES;
        try (PreparedStatement statement = connection.prepareStatement(CLUSTER_ROWS,
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            for (int cluster : clusters) {
                statement.setLong(1, clusteringId);
                statement.setInt(2, cluster);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byte[] blob = rows.getBytes(2);
                        if (blob.length != rowBytes) {
                            throw new IllegalStateException("face " + rows.getLong(1) + " in clustering " + clusteringId
                                    + " has " + blob.length / Float.BYTES + " dimensions, its centroids " + dimension);
                        }
                        ensureCapacity(count + 1, dimension);
                        ids[count] = rows.getLong(1);
                        VectorCodec.decode(blob, vectors, count * dimension);
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private void ensureCapacity(int faces, int dimension) {
        if (faces > ids.length) {
            int grown = Math.max(faces, Math.max(1_024, ids.length + ids.length / 2));
            ids = Arrays.copyOf(ids, grown);
            vectors = Arrays.copyOf(vectors, Math.multiplyExact(grown, dimension));
        }
    }
}
