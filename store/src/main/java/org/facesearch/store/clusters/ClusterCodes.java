package org.facesearch.store.clusters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.CodeBytes;

/**
 * Reads whole clusters of one clustering version from {@code face_cluster}: the face ids and codes of each, as
 * the contiguous arrays {@link CandidateScan} scans.
 *
 * <p>Each cluster is {@code WHERE clustering_id = ? AND cluster_id = ?}: InnoDB keeps a cluster's rows together
 * in primary-key order, so a cluster is one sequential range read of about 150 bytes a face (id, cluster, code),
 * streamed (Connector/J's {@code fetchSize(Integer.MIN_VALUE)}). Not thread-safe: the arrays of the last read
 * are reused.
 */
public final class ClusterCodes implements CandidateScan.Lists {
    private static final String CLUSTER_ROWS =
            "select face_id, code from face_cluster where clustering_id = ? and cluster_id = ?";

    private final int words;
    private int[] slotOf = new int[0];
    private int[] sizes = new int[0];
    private long[][] ids = new long[0][];
    private long[][] codes = new long[0][];
    private float[][] scalars = new float[0][];
    private long bytesRead;

    /** @param words longs per code ({@link CandidateScan#words()} of the clustering's encoder) */
    public ClusterCodes(int words) {
        this.words = words;
    }

    /** Reads {@code clusters} of clustering {@code clusteringId} (of {@code k} clusters); returns faces read. */
    public int read(Connection connection, long clusteringId, int k, int[] clusters) throws SQLException {
        slotOf = new int[k];
        Arrays.fill(slotOf, -1);
        sizes = new int[clusters.length];
        ids = Arrays.copyOf(ids, Math.max(ids.length, clusters.length));
        codes = Arrays.copyOf(codes, ids.length);
        scalars = Arrays.copyOf(scalars, ids.length);
        bytesRead = 0;
        int faces = 0;
        try (PreparedStatement statement = connection.prepareStatement(CLUSTER_ROWS,
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            for (int slot = 0; slot < clusters.length; slot++) {
                slotOf[clusters[slot]] = slot;
                statement.setLong(1, clusteringId);
                statement.setInt(2, clusters[slot]);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        append(slot, rows.getLong(1), rows.getBytes(2));
                    }
                }
                faces += sizes[slot];
            }
        }
        return faces;
    }

    private void append(int slot, long faceId, byte[] code) {
        int n = sizes[slot];
        if (ids[slot] == null || n == ids[slot].length) {
            int grown = Math.max(256, n + (n >> 1));
            ids[slot] = ids[slot] == null ? new long[grown] : Arrays.copyOf(ids[slot], grown);
            codes[slot] = codes[slot] == null ? new long[grown * words] : Arrays.copyOf(codes[slot], grown * words);
            scalars[slot] = scalars[slot] == null ? new float[grown * CandidateScan.SCALARS]
                    : Arrays.copyOf(scalars[slot], grown * CandidateScan.SCALARS);
        }
        ids[slot][n] = faceId;
        CodeBytes.unpack(code, codes[slot], scalars[slot], n, words);
        sizes[slot] = n + 1;
        bytesRead += Long.BYTES + code.length;
    }

    /** The id of face {@code position} of {@code cluster} as last read. */
    public long faceId(int cluster, int position) {
        return ids[slotOf[cluster]][position];
    }

    /** Bytes of ids and codes the last {@link #read} fetched. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public int size(int cluster) {
        return sizes[slotOf[cluster]];
    }

    @Override
    public long[] codes(int cluster) {
        return codes[slotOf[cluster]];
    }

    @Override
    public float[] scalars(int cluster) {
        return scalars[slotOf[cluster]];
    }
}
