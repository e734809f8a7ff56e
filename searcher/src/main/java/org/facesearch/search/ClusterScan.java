package org.facesearch.search;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.facesearch.store.clusters.CentroidCache;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;
import org.jooq.DSLContext;

/**
 * Nearest stored faces of a query read straight from MySQL: the {@code nprobe} clusters of the model's active
 * clustering whose centroids are nearest to the query, read one primary-key range each, scanned exactly.
 *
 * <p>Each probed cluster is {@code WHERE clustering_id = ? AND cluster_id = ?} on {@code face_cluster}: InnoDB
 * stores a cluster's rows contiguously in primary-key order, each with a copy of the vector, so a cluster is one
 * sequential range read without lookups into {@code face}. Rows are streamed (Connector/J's
 * {@code fetchSize(Integer.MIN_VALUE)}: no driver-side buffering of the whole result) and every vector is copied
 * from the row's bytes straight into one contiguous {@code float[]} (a bulk little-endian copy, a plain memcpy on
 * x86), which the SIMD kernel then scans into a {@link TopK}. Only vectors of the model's clustering are read,
 * so vectors of another model are never compared.
 *
 * <p>Everything (active version, centroids, cluster rows) is read in one transaction, i.e. one InnoDB snapshot:
 * a recluster switching and deleting the old version meanwhile cannot make a search see half of either.
 * Centroids are cached per clustering version ({@link CentroidCache}); the buffers grow to the largest probe
 * seen and are reused, so one instance serves one thread at a time (not thread-safe).
 *
 * <p>Cost: the read dominates (bytes per query = faces read x 4 x dimension); see BENCHMARKS.md.
 */
public final class ClusterScan {
    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final String CLUSTER_ROWS =
            "select face_id, vector from face_cluster where clustering_id = ? and cluster_id = ?";

    private final CentroidCache centroids = new CentroidCache();
    private float[] vectors = new float[0];
    private long[] ids = new long[0];

    /**
     * The {@code top} nearest faces of {@code model} to {@code query} among the {@code nprobe} nearest clusters
     * (all clusters when {@code nprobe >= k}: then the result is exact).
     *
     * @param query an L2-normalised vector of the model's dimension
     * @return empty when the model has no active clustering (no faces stored)
     */
    public Optional<ScanResult> search(DSLContext db, String model, float[] query, int top, int nprobe) {
        if (top < 1 || nprobe < 1) {
            throw new IllegalArgumentException("top and nprobe must be >= 1, got " + top + " and " + nprobe);
        }
        return db.transactionResult(c -> {
            DSLContext tx = c.dsl();
            long start = System.nanoTime();
            Optional<ClusteringVersion> active = Clusterings.active(tx, model);
            if (active.isEmpty()) {
                return Optional.empty();
            }
            Centroids cs = centroids.get(tx, active.get());
            if (cs.dimension() != query.length) {
                throw new IllegalArgumentException("the query has " + query.length + " dimensions but the faces of model "
                        + model + " have " + cs.dimension());
            }
            int[] probed = cs.probe(query, nprobe);
            long probedAt = System.nanoTime();
            int count = tx.connectionResult(connection -> read(connection, active.get().id(), probed, cs.dimension()));
            long readAt = System.nanoTime();
            TopK best = new TopK(top);
            int dimension = cs.dimension();
            for (int i = 0; i < count; i++) {
                float d = VectorMath.squaredL2(query, 0, vectors, i * dimension, dimension);
                if (d <= best.threshold()) {
                    best.offer(ids[i], d);
                }
            }
            long scannedAt = System.nanoTime();
            return Optional.of(new ScanResult(best.sorted(), active.get().id(), probed.length, count,
                    (long) count * dimension * Float.BYTES,
                    probedAt - start, readAt - probedAt, scannedAt - readAt));
        });
    }

    /** Reads the rows of the probed clusters into {@link #ids} and {@link #vectors}; returns how many. */
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
                        MemorySegment.copy(MemorySegment.ofArray(blob), FLOAT_LE, 0, vectors, count * dimension, dimension);
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
