package org.facesearch.store.clusters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.facesearch.index.CandidateScan;

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
    private CodeList[] lists = new CodeList[0];
    private long bytesRead;

    /** @param words longs per code ({@link CandidateScan#words()} of the clustering's encoder) */
    public ClusterCodes(int words) {
        this.words = words;
    }

    /** Reads {@code clusters} of clustering {@code clusteringId} (of {@code k} clusters); returns faces read. */
    public int read(Connection connection, long clusteringId, int k, int[] clusters) throws SQLException {
        slotOf = new int[k];
        Arrays.fill(slotOf, -1);
        lists = Arrays.copyOf(lists, Math.max(lists.length, clusters.length));
        bytesRead = 0;
        int faces = 0;
        try (PreparedStatement statement = connection.prepareStatement(CLUSTER_ROWS,
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            for (int slot = 0; slot < clusters.length; slot++) {
                slotOf[clusters[slot]] = slot;
                if (lists[slot] == null) {
                    lists[slot] = new CodeList(256, words);
                }
                CodeList list = lists[slot];
                list.size = 0;
                statement.setLong(1, clusteringId);
                statement.setInt(2, clusters[slot]);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byte[] code = rows.getBytes(2);
                        list.append(rows.getLong(1), code);
                        bytesRead += Long.BYTES + code.length;
                    }
                }
                list.finish();
                faces += list.size;
            }
        }
        return faces;
    }

    /** The id of face {@code position} of {@code cluster} as last read. */
    public long faceId(int cluster, int position) {
        return lists[slotOf[cluster]].ids[position];
    }

    /** Bytes of ids and codes the last {@link #read} fetched. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public int size(int cluster) {
        return lists[slotOf[cluster]].size;
    }

    @Override
    public byte[] blocks(int cluster) {
        return lists[slotOf[cluster]].blocks;
    }

    @Override
    public float[] scalars(int cluster) {
        return lists[slotOf[cluster]].scalars;
    }
}
