package org.facesearch.search;

import java.util.List;
import java.util.Optional;
import org.facesearch.graph.HnswIndex;
import org.facesearch.index.FaceIndexBuilder;
import org.facesearch.index.IvfIndex;
import org.facesearch.index.LiveFaceIndex;
import org.facesearch.store.clusters.CentroidCache;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.store.faces.Faces;
import org.facesearch.store.faces.StoredVector;
import org.facesearch.store.privacy.FaceRemovals;

/**
 * Builds the server's in-memory index of one model from MySQL, an {@link IvfIndex} or, with {@link IndexKind#HNSW},
 * a {@link HnswIndex} of the same faces: the centroids of the model's active
 * clustering, then every face of the model read in id order by keyset pages (one short query per page on the
 * {@code (model, id)} index, no long-running cursor), assigned to its nearest centroid as it arrives. Progress
 * is logged every tenth of the faces.
 *
 * <p>With no active clustering yet (faces imported but never clustered) the index has a single list, i.e. an
 * exact scan of everything, which is right for the small databases that state occurs with. Faces whose vector
 * has another dimension than the model's are skipped with a warning rather than failing the server.
 */
public final class IndexLoader {
    private static final Logger log = LoggerFactory.getLogger(IndexLoader.class);

    private final DSLContext db;
    private final String model;
    private final int dimension;
    private final int pageSize;
    private final CentroidCache centroidCache = new CentroidCache();

    private final IndexKind kind;
    private final int graphBreadth;

    /** @param graphBreadth candidates a graph search keeps ({@code index.hnsw-breadth}); unused by IVF */
    public IndexLoader(DSLContext db, String model, int dimension, int pageSize, IndexKind kind, int graphBreadth) {
        this.db = db;
        this.model = model;
        this.dimension = dimension;
        this.pageSize = pageSize;
        this.kind = kind;
        this.graphBreadth = graphBreadth;
    }

    /**
     * An index of the model's faces, the clustering it was built on (0: none), the largest face id read, and the
     * position in the removal log ({@link FaceRemovals}) read before the faces: removals after it still apply.
     */
    public record Loaded(LiveFaceIndex index, long clusteringId, long lastFaceId, long lastRemovalId) {
    }

    /** The id of the model's active clustering, 0 when there is none. */
    public long activeClusteringId() {
        return Clusterings.active(db, model).map(ClusteringVersion::id).orElse(0L);
    }

    public Loaded load() {
        long lastRemoval = FaceRemovals.last(db, model);
        Optional<ClusteringVersion> active = Clusterings.active(db, model);
        long clusteringId = active.map(ClusteringVersion::id).orElse(0L);
        Centroids centroids = active.map(v -> centroidCache.get(db, v)).orElseGet(() -> new Centroids(new float[dimension], 1, dimension));
        if (centroids.dimension() != dimension) {
            throw new IllegalStateException("clustering " + clusteringId + " has " + centroids.dimension()
                    + "-d centroids, model " + model + " is " + dimension + "-d");
        }
        long total = Faces.count(db, model);
        log.info("index: loading {} faces of model {} into {} cluster(s){}", total, model, centroids.k(),
                clusteringId == 0 ? " (no active clustering: exact scan)" : " of clustering " + clusteringId);
        FaceIndexBuilder builder = kind == IndexKind.HNSW ? HnswIndex.builder(model, dimension, graphBreadth)
                : IvfIndex.builder(model, centroids);
        long last = 0;
        long loaded = 0;
        long nextReport = Math.max(1, total / 10);
        long[] ids = new long[pageSize];
        float[] vectors = new float[pageSize * dimension];
        while (true) {
            List<StoredVector> page = facesAfter(last, pageSize);
            if (page.isEmpty()) break;
            int n = 0;
            for (StoredVector row : page) {
                last = row.id();
                if (VectorCodec.dimensionOf(row.vector()) != dimension) {
                    log.warn("index: face {} has a {}-d vector, model {} is {}-d; skipped", last,
                            VectorCodec.dimensionOf(row.vector()), model, dimension);
                    continue;
                }
                ids[n] = last;
                VectorCodec.decode(row.vector(), vectors, n * dimension);
                n++;
            }
            builder.addAll(ids, vectors, n);
            loaded += n;
            if (loaded >= nextReport && total > 0) {
                log.info("index: {}/{} faces ({}%)", loaded, total, loaded * 100 / total);
                nextReport += Math.max(1, total / 10);
            }
        }
        long buildStart = System.nanoTime();
        LiveFaceIndex index = builder.build();
        log.info("index: {} ready, {} faces, {} MB in memory, built in {} s", kind, index.size(), index.bytes() >> 20,
                (System.nanoTime() - buildStart) / 1_000_000_000);
        return new Loaded(index, clusteringId, last, lastRemoval);
    }

    /** Up to {@code limit} faces of the model removed after position {@code afterId} of the removal log, in log order. */
    public List<FaceRemovals.Removal> removalsAfter(long afterId, int limit) {
        return FaceRemovals.after(db, model, afterId, limit);
    }

    /** Up to {@code limit} faces of the model with an id above {@code afterId}, in id order. */
    public List<StoredVector> facesAfter(long afterId, int limit) {
        return StoredVector.after(db, model, afterId, limit);
    }
}
