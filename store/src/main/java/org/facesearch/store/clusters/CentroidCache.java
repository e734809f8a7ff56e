package org.facesearch.store.clusters;

import static org.facesearch.store.schema.Tables.CENTROID;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.facesearch.index.CandidateScan;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The centroids of the newest clustering version seen per model, loaded once from {@code centroid} into one
 * contiguous {@link Centroids}. Centroid vectors never change once a version exists (only sizes do), so a
 * version's entry never goes stale; a newer version of the model replaces it. Thread-safe.
 *
 * <p>Loading first uses a plain read. A transaction whose snapshot predates the commit of a version's centroids
 * (possible when the version was found with a locking read) sees fewer than k rows; it then reads them again
 * with a locking read, which sees the newest committed rows. A version whose centroid rows stay incomplete is
 * corrupt and fails loudly.
 */
public final class CentroidCache {
    private record Entry(ClusteringVersion version, Centroids centroids, CandidateScan codes) {
    }

    private final Map<String, Entry> byModel = new ConcurrentHashMap<>();

    /** The centroids of {@code version}, read through {@code db} if not cached. */
    public Centroids get(DSLContext db, ClusteringVersion version) {
        return entry(db, version).centroids();
    }

    /** The encoder of {@code version}'s face codes ({@link CandidateScan}: its rotated centroids), cached alike. */
    public CandidateScan codes(DSLContext db, ClusteringVersion version) {
        return entry(db, version).codes();
    }

    private Entry entry(DSLContext db, ClusteringVersion version) {
        Entry entry = byModel.get(version.model());
        if (entry != null && entry.version().id() == version.id()
                && entry.version().createdAt().equals(version.createdAt())) {
            return entry;
        }
        Centroids centroids = load(db, version);
        entry = new Entry(version, centroids, new CandidateScan(centroids));
        byModel.put(version.model(), entry);
        return entry;
    }

    private static Centroids load(DSLContext db, ClusteringVersion version) {
        var select = db.select(CENTROID.CLUSTER_ID, CENTROID.VECTOR).from(CENTROID)
                .where(CENTROID.CLUSTERING_ID.eq(version.id()))
                .orderBy(CENTROID.CLUSTER_ID);
        Result<? extends Record> rows = select.fetch();
        if (rows.size() != version.k()) {
            rows = db.fetch("{0} lock in share mode", select);
        }
        if (rows.size() != version.k()) {
            throw new IllegalStateException("clustering " + version.id() + " has k = " + version.k() + " but "
                    + rows.size() + " centroid rows");
        }
        int dimension = VectorCodec.dimensionOf(rows.get(0).get(1, byte[].class));
        float[] data = new float[version.k() * dimension];
        for (int c = 0; c < rows.size(); c++) {
            int cluster = rows.get(c).get(0, Integer.class);
            byte[] vector = rows.get(c).get(1, byte[].class);
            if (cluster != c || VectorCodec.dimensionOf(vector) != dimension) {
                throw new IllegalStateException("clustering " + version.id() + ": centroid row " + c
                        + " is cluster " + cluster + " of dimension " + VectorCodec.dimensionOf(vector));
            }
            VectorCodec.decode(vector, data, c * dimension);
        }
        return new Centroids(data, version.k(), dimension);
    }
}
