package org.facesearch.search;

import java.util.Optional;
import org.facesearch.store.clusters.CentroidCache;
import org.facesearch.store.clusters.ClusterRows;
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
 * <p>Each probed cluster is one primary-key range read of {@code face_cluster} into one contiguous {@code float[]}
 * ({@link ClusterRows}), which the SIMD kernel then scans into a {@link TopK}. Only vectors of the model's
 * clustering are read, so vectors of another model are never compared.
 *
 * <p>Everything (active version, centroids, cluster rows) is read in one transaction, i.e. one InnoDB snapshot:
 * a recluster switching and deleting the old version meanwhile cannot make a search see half of either.
 * Centroids are cached per clustering version ({@link CentroidCache}); the row buffers are reused, so one instance
 * serves one thread at a time (not thread-safe).
 *
 * <p>Cost: the read dominates (bytes per query = faces read x 4 x dimension); see BENCHMARKS.md.
 */
public final class ClusterScan {
    private final CentroidCache centroids = new CentroidCache();
    private final ClusterRows rows = new ClusterRows();

    /**
     * The {@code top} nearest faces of {@code model} to {@code query} among the {@code nprobe} nearest clusters
     * (all clusters when {@code nprobe >= k}: then the result is exact).
     *
     * @param query an L2-normalised vector of the model's dimension
     * @return empty when the model has no active clustering (no faces stored)
     */
    public Optional<ScanResult> search(DSLContext db, String model, float[] query, SearchParams params) {
        int top = params.top();
        int nprobe = params.nprobe();
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
            int count = rows.read(tx, active.get().id(), probed, cs.dimension());
            long readAt = System.nanoTime();
            TopK best = new TopK(top);
            int dimension = cs.dimension();
            long[] ids = rows.ids();
            float[] vectors = rows.vectors();
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
}
