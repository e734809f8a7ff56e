package org.facesearch.store.clusters;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;

/**
 * Every list of one clustering version read from {@code face_cluster} at once: the face ids and codes of each
 * cluster as the contiguous arrays the server's in-memory index keeps ({@code org.facesearch.index.IvfIndex#ofCodes}).
 *
 * <p>One streamed range scan of the primary key {@code (clustering_id, cluster_id, face_id)}, ~150 bytes a face
 * (a server start at 10M faces reads ~1.5 GB, not the 41 GB of float32 vectors). Each cluster's arrays are sized
 * from its centroid's {@code size} and grown if the rows turn out more, then trimmed if fewer, so memory is the
 * index itself, without growth slack.
 *
 * @param ids per cluster, its face ids in id order
 * @param blocks per cluster, its codes in the {@code org.facesearch.index.CodeBlocks} layout
 * @param scalars per cluster, two floats a face
 */
public record ClusteringCodes(long[][] ids, byte[][] blocks, float[][] scalars) {
    private static final String ROWS =
            "select cluster_id, face_id, code from face_cluster where clustering_id = ? order by cluster_id, face_id";
    private static final long PROGRESS_EVERY = 100_000;

    /** Faces read in all. */
    public long faces() {
        return Arrays.stream(ids).mapToLong(list -> list.length).sum();
    }

    /**
     * Reads the lists of clustering {@code clusteringId} (its {@code k} clusters, codes of {@code words} longs);
     * {@code progress} is told the faces read so far every 100,000. Run it inside a transaction to read one snapshot.
     */
    public static ClusteringCodes read(DSLContext db, long clusteringId, int k, int words, LongConsumer progress) {
        int[] expected = Clusterings.sizes(db, clusteringId);
        CodeList[] lists = new CodeList[k];
        for (int c = 0; c < k; c++) {
            lists[c] = new CodeList(c < expected.length ? Math.max(0, expected[c]) : 0, words);
        }
        db.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(ROWS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(Integer.MIN_VALUE);
                statement.setLong(1, clusteringId);
                long read = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        lists[rows.getInt(1)].append(rows.getLong(2), rows.getBytes(3));
                        if (++read % PROGRESS_EVERY == 0) progress.accept(read);
                    }
                }
            }
        });
        long[][] ids = new long[k][];
        byte[][] blocks = new byte[k][];
        float[][] scalars = new float[k][];
        for (int c = 0; c < k; c++) {
            lists[c].finish();
            lists[c].trim();
            ids[c] = lists[c].ids;
            blocks[c] = lists[c].blocks;
            scalars[c] = lists[c].scalars;
        }
        return new ClusteringCodes(ids, blocks, scalars);
    }
}
