package org.facesearch.search;

import java.util.List;
import java.util.Optional;
import org.facesearch.graph.HnswIndex;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.FaceIndexBuilder;
import org.facesearch.index.IvfIndex;
import org.facesearch.index.LiveFaceIndex;
import org.facesearch.store.clusters.CentroidCache;
import org.facesearch.store.clusters.ClusteringCodes;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.faces.Faces;
import org.facesearch.store.faces.StoredVector;
import org.facesearch.store.privacy.FaceRemovals;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's in-memory index of one model from MySQL.
 *
 * <p>{@link IndexKind#IVF}: an {@link IvfIndex} of codes only. In one read-only transaction (one snapshot, so a
 * recluster or a forget running meanwhile is seen entirely or not at all) it reads the centroids of the model's
 * active clustering and every list's codes from {@code face_cluster} ({@link ClusteringCodes}: ~150 bytes a face,
 * one range scan), never the 4 KB vectors; the re-rank reads the candidates' vectors from {@code face} by primary
 * key per query ({@link DatabaseVectors}). Faces of the model that have no row in the active clustering (a bulk
 * import the recluster has not reached yet), or all faces when there is no clustering yet (then the index has a
 * single list, an exact scan of everything, right for the small databases that state occurs with), are read as
 * vectors and encoded here.
 *
 * <p>{@link IndexKind#HNSW}: a {@link HnswIndex} of every face of the model, read in id order by keyset pages of
 * vectors (the graph keeps them). Faces whose vector has another dimension than the model's are skipped with a
 * warning rather than failing the server. Progress is logged every tenth of the faces.
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
     * An index of the model's faces, the clustering it was built on (0: none), the largest face id it holds, and
     * the position in the removal log ({@link FaceRemovals}) read before the faces: removals after it still apply.
     */
    public record Loaded(LiveFaceIndex index, long clusteringId, long lastFaceId, long lastRemovalId) {
    }

    /** The id of the model's active clustering, 0 when there is none. */
    public long activeClusteringId() {
        return Clusterings.active(db, model).map(ClusteringVersion::id).orElse(0L);
    }

    public Loaded load() {
        return kind == IndexKind.HNSW ? loadGraph() : db.transactionResult(c -> loadCodes(c.dsl()));
    }

    private Loaded loadCodes(DSLContext tx) {
        long lastRemoval = FaceRemovals.last(tx, model);
        Optional<ClusteringVersion> active = Clusterings.active(tx, model);
        long clusteringId = active.map(ClusteringVersion::id).orElse(0L);
        Centroids centroids = centroids(tx, active);
        CandidateScan scan = active.map(v -> centroidCache.codes(tx, v)).orElseGet(() -> new CandidateScan(centroids));
        long total = Faces.count(tx, model);
        long lastFaceId = Faces.lastId(tx, model);
        log.info("index: loading the codes of {} faces of model {} in {} cluster(s){}", total, model, centroids.k(),
                clusteringId == 0 ? " (no active clustering: exact scan)" : " of clustering " + clusteringId);
        long start = System.nanoTime();
        long step = Math.max(1, total / 10);
        long[] nextReport = {step};
        ClusteringCodes lists = active.isPresent()
                ? ClusteringCodes.read(tx, clusteringId, centroids.k(), scan.words(), read -> {
                    if (read >= nextReport[0]) {
                        log.info("index: {}/{} faces ({}%)", read, total, read * 100 / total);
                        nextReport[0] += step;
                    }
                })
                : new ClusteringCodes(new long[1][0], new byte[1][0], new float[1][0]);
        IvfIndex index = IvfIndex.ofCodes(model, centroids, scan, lists.ids(), lists.blocks(), lists.scalars(),
                new DatabaseVectors(db));
        if (lists.faces() < total) {
            index = withUnclustered(tx, index, clusteringId);
        }
        log.info("index: ivf ready, {} faces, {} MB in memory, loaded in {} s", index.size(), index.bytes() >> 20,
                (System.nanoTime() - start) / 1_000_000_000);
        return new Loaded(index, clusteringId, lastFaceId, lastRemoval);
    }

    private Centroids centroids(DSLContext tx, Optional<ClusteringVersion> active) {
        Centroids centroids = active.map(v -> centroidCache.get(tx, v))
                .orElseGet(() -> new Centroids(new float[dimension], 1, dimension));
        if (centroids.dimension() != dimension) {
            throw new IllegalStateException("clustering " + active.map(ClusteringVersion::id).orElse(0L) + " has "
                    + centroids.dimension() + "-d centroids, model " + model + " is " + dimension + "-d");
        }
        return centroids;
    }

    /** {@code index} plus the model's faces without a row in clustering {@code clusteringId}, encoded from vectors. */
    private IvfIndex withUnclustered(DSLContext tx, IvfIndex index, long clusteringId) {
        long before = index.size();
        Page page = new Page(pageSize, dimension);
        List<StoredVector> rows;
        do {
            rows = StoredVector.unclustered(tx, model, clusteringId, page.last, pageSize);
            page.fill(rows);
            index = index.withFaces(page.ids, page.vectors, page.count);
        } while (rows.size() == pageSize);
        log.info("index: {} face(s) without a cluster row in clustering {} encoded from their vectors",
                index.size() - before, clusteringId);
        return index;
    }

    private Loaded loadGraph() {
        long lastRemoval = FaceRemovals.last(db, model);
        long clusteringId = activeClusteringId();
        long total = Faces.count(db, model);
        log.info("index: loading {} faces of model {} into a graph", total, model);
        FaceIndexBuilder builder = HnswIndex.builder(model, dimension, graphBreadth);
        long loaded = 0;
        long nextReport = Math.max(1, total / 10);
        Page page = new Page(pageSize, dimension);
        while (true) {
            List<StoredVector> rows = facesAfter(page.last, pageSize);
            if (rows.isEmpty()) break;
            page.fill(rows);
            builder.addAll(page.ids, page.vectors, page.count);
            loaded += page.count;
            if (loaded >= nextReport && total > 0) {
                log.info("index: {}/{} faces ({}%)", loaded, total, loaded * 100 / total);
                nextReport += Math.max(1, total / 10);
            }
        }
        long buildStart = System.nanoTime();
        LiveFaceIndex index = builder.build();
        log.info("index: {} ready, {} faces, {} MB in memory, built in {} s", kind, index.size(), index.bytes() >> 20,
                (System.nanoTime() - buildStart) / 1_000_000_000);
        return new Loaded(index, clusteringId, page.last, lastRemoval);
    }

    /** One keyset page of stored vectors decoded into contiguous arrays; faces of another dimension are skipped. */
    private final class Page {
        final long[] ids;
        final float[] vectors;
        int count;
        long last;

        Page(int size, int dimension) {
            ids = new long[size];
            vectors = new float[size * dimension];
        }

        void fill(List<StoredVector> rows) {
            count = 0;
            for (StoredVector row : rows) {
                last = row.id();
                if (VectorCodec.dimensionOf(row.vector()) != dimension) {
                    log.warn("index: face {} has a {}-d vector, model {} is {}-d; skipped", last,
                            VectorCodec.dimensionOf(row.vector()), model, dimension);
                    continue;
                }
                ids[count] = last;
                VectorCodec.decode(row.vector(), vectors, count * dimension);
                count++;
            }
        }
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
