package org.facesearch.search;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.ExactRerank;
import org.facesearch.index.IvfIndex;
import org.facesearch.store.clusters.CentroidCache;
import org.facesearch.store.clusters.ClusterCodes;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.faces.FaceVectors;
import org.facesearch.vector.Centroids;
import org.jooq.DSLContext;

/**
 * Nearest stored faces of a query read straight from MySQL, with the same two passes as the server's
 * {@link IvfIndex}: the {@code nprobe} clusters of the model's active clustering whose centroids are nearest to
 * the query are read as codes ({@link ClusterCodes}: one primary-key range each, ~150 bytes a face), scored by
 * {@link CandidateScan}, and the best {@code candidates} are re-ranked exactly with their float32 vectors read
 * from {@code face} by primary key ({@link FaceVectors}). Only codes of the model's clustering are read, so
 * vectors of another model are never compared.
 *
 * <p>Everything (active version, centroids, codes, vectors) is read in one transaction, i.e. one InnoDB snapshot:
 * a recluster switching and deleting the old version meanwhile cannot make a search see half of either.
 * Centroids and their code encoder are cached per clustering version ({@link CentroidCache}); one instance
 * serves one thread at a time (not thread-safe).
 *
 * <p>Cost: bytes per query = faces of the probed clusters x ~150 + at most candidates x 4 x dimension: the
 * candidates that cannot be among the nearest are not read ({@link ExactRerank}; BENCHMARKS.md).
 */
public final class ClusterScan {
    /** 40 rounds of 8,192 faces: enough calls of the kernel for C2 to compile it (BENCHMARKS.md, "10M again"). */
    private static final int WARM_UP_ROUNDS = 40;
    /** The first search of a process compiles the scan kernel on a side thread while it reads. */
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();
    private final CentroidCache centroids = new CentroidCache();
    private final int candidates;

    /** Re-ranks {@link IvfIndex#DEFAULT_CANDIDATES} candidates, as the server does. */
    public ClusterScan() {
        this(IvfIndex.DEFAULT_CANDIDATES);
    }

    /** @param candidates faces re-ranked exactly per query (at least {@code top} are) */
    public ClusterScan(int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
        }
        this.candidates = candidates;
    }

    /**
     * The {@code top} nearest faces of {@code model} to {@code query} among the {@code nprobe} nearest clusters
     * ({@link SearchParams#nprobeFor}; exact when {@code nprobe >= k} and the candidates cover every face).
     *
     * @param query an L2-normalised vector of the model's dimension
     * @return empty when the model has no active clustering (no faces stored)
     */
    public Optional<ScanResult> search(DSLContext db, String model, float[] query, SearchParams params) {
        int top = params.top();
        if (WARMED_UP.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("scan-warm-up")
                    .start(() -> CandidateScan.warmUp(query.length, WARM_UP_ROUNDS));
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
            CandidateScan scan = centroids.codes(tx, active.get());
            int[] probed = cs.probe(query, params.nprobeFor(cs.k()));
            long probedAt = System.nanoTime();
            ClusterCodes lists = new ClusterCodes(scan.words());
            int count = tx.connectionResult(connection -> lists.read(connection, active.get().id(), cs.k(), probed));
            long readAt = System.nanoTime();
            CandidateScan.Shortlist shortlist = scan.shortlist(query, probed, lists, Math.max(top, candidates));
            long[] faceIds = shortlist.faceIds(lists::faceId);
            ExactRerank.Result nearest = ExactRerank.nearest(query, top, faceIds, shortlist.lowerBounds(),
                    new DatabaseVectors(tx));
            long scannedAt = System.nanoTime();
            return Optional.of(new ScanResult(nearest.nearest(), active.get().id(), probed.length, count,
                    lists.bytesRead() + (long) nearest.read() * cs.dimension() * Float.BYTES,
                    probedAt - start, readAt - probedAt, scannedAt - readAt));
        });
    }
}
