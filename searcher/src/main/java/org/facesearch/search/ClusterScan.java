package org.facesearch.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.CodeFile;
import org.facesearch.index.ExactRerank;
import org.facesearch.index.IvfIndex;
import org.facesearch.index.ScanWarmUp;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.faces.FaceVectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nearest stored faces of a query for a process that searches a few times and exits (the CLI), with the same two
 * passes as the server's {@link IvfIndex}: the {@code nprobe} lists of the model's active clustering whose
 * centroids are nearest to the query are read as codes from the search cache ({@link CodeFiles}: a file under
 * HOME derived from MySQL, ~150 bytes a face, only the probed lists are read), scored by {@link CandidateScan},
 * and the best {@code candidates} are re-ranked exactly with their float32 vectors read from {@code face} by
 * primary key ({@link FaceVectors}), together with the faces stored since the cache was written. Only codes of
 * the model's clustering are read, so vectors of another model are never compared.
 *
 * <p>The active version, the check of the cache against it and the faces added since are read in one
 * transaction, i.e. one InnoDB snapshot, and the cache is of exactly that version: a recluster switching meanwhile
 * cannot make a search see half of either. The re-rank's vectors are read after it, split over several of the
 * pool's connections ({@link DatabaseVectors}): a face's vector never changes, and a face forgotten meanwhile has
 * none and is skipped. Why a file and not the rows of
 * {@code face_cluster}: at 10M faces a query probes ~1.5M codes, which MySQL returned in 4-6 s as one row each;
 * the file serves them from the page cache (BENCHMARKS.md, "The CLI's search cache"). One instance serves one
 * thread at a time (not thread-safe); close it to unmap the files.
 *
 * <p>Cost: bytes per query = faces of the probed lists x ~150 + at most (candidates + faces added since the
 * cache) x 4 x dimension: the candidates that cannot be among the nearest are not read ({@link ExactRerank}).
 */
public final class ClusterScan implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterScan.class);
    /** Rounds of {@link ScanWarmUp}: enough calls of each kernel for C2 to compile it (BENCHMARKS.md, "10M again"). */
    private static final int WARM_UP_ROUNDS = 60;
    /** {@link #warmUp} runs once per process. */
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();
    /**
     * Set by the first real search of the process ({@link #search}, not {@link #prepare}): the warm-up then stops, so
     * as not to take a core from it. At 10M faces a search that overlapped the warm-up's last rounds scanned in ~3x
     * the time (BENCHMARKS.md, "10M after the parallel reads").
     */
    private static final AtomicBoolean SEARCHING = new AtomicBoolean();
    private final CodeFiles files;
    private final int candidates;

    /** Re-ranks {@link IvfIndex#DEFAULT_CANDIDATES} candidates, as the server does. */
    public ClusterScan(Path cacheDir) {
        this(cacheDir, IvfIndex.DEFAULT_CANDIDATES);
    }

    /**
     * @param cacheDir where the search cache lives ({@code HOME/cache})
     * @param candidates faces re-ranked exactly per query (at least {@code top} are)
     */
    public ClusterScan(Path cacheDir, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
        }
        this.files = new CodeFiles(cacheDir);
        this.candidates = candidates;
    }

    /**
     * Starts compiling the search path for {@code dimension}-d faces on a side thread ({@link ScanWarmUp}, in the
     * system's temporary directory), once per process: a CLI calls it before loading its models, so the kernels are
     * compiled by the time the query exists; the first {@link #search} stops it. A warm-up that cannot write its file
     * only leaves them cold.
     */
    public static void warmUp(int dimension) {
        if (WARMED_UP.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("scan-warm-up").start(() -> {
                long start = System.nanoTime();
                try {
                    ScanWarmUp.run(Path.of(System.getProperty("java.io.tmpdir")), dimension, WARM_UP_ROUNDS, SEARCHING::get);
                    log.debug("search warm-up: ended after {} ms{}", (System.nanoTime() - start) / 1_000_000,
                            SEARCHING.get() ? " (stopped by the search)" : "");
                } catch (IOException | RuntimeException e) {
                    log.debug("search warm-up skipped: {}", e.toString());
                }
            });
        }
    }

    /**
     * Pays now what the first search of a process pays once, e.g. while a CLI loads its models on another thread:
     * a search of one list for a fixed query opens and checks the search cache (writing it if it is stale, as the
     * search would), runs the database queries of the search for the first time (jOOQ renders and the driver
     * prepares them: tens of milliseconds each in a new JVM) and opens the connections the re-rank reads over.
     * With the demo gallery (127 faces) the search part of {@code facesearch search --timings} fell from a median of
     * 318 ms to 86 ms (BENCHMARKS.md, "The CLI's first search").
     *
     * @return false when the model has no active clustering (no faces stored)
     * @throws SearchCacheException when the search cache has to be written and cannot be
     */
    public boolean prepare(DSLContext db, String model, int dimension) {
        float[] query = new float[dimension];
        Arrays.fill(query, (float) (1 / Math.sqrt(dimension)));
        return scan(db, model, query, new SearchParams(1, 1)).isPresent();
    }

    /**
     * The {@code top} nearest faces of {@code model} to {@code query} among the {@code nprobe} nearest clusters
     * ({@link SearchParams#nprobeFor}; exact when {@code nprobe >= k} and the candidates cover every face).
     *
     * @param query an L2-normalised vector of the model's dimension
     * @return empty when the model has no active clustering (no faces stored)
     * @throws SearchCacheException when the search cache has to be written and cannot be
     */
    public Optional<ScanResult> search(DSLContext db, String model, float[] query, SearchParams params) {
        SEARCHING.set(true);
        return scan(db, model, query, params);
    }

    private Optional<ScanResult> scan(DSLContext db, String model, float[] query, SearchParams params) {
        int top = params.top();
        long start = System.nanoTime();
        Optional<Candidates> found = db.transactionResult(c -> {
            DSLContext tx = c.dsl();
            Optional<ClusteringVersion> active = Clusterings.active(tx, model);
            if (active.isEmpty()) {
                return Optional.empty();
            }
            CodeFiles.Current cache = files.current(tx, active.get(), query.length);
            if (cache.file().dimension() != query.length) {
                throw new IllegalArgumentException("the query has " + query.length + " dimensions but the faces of model "
                        + model + " have " + cache.file().dimension());
            }
            int[] probed = cache.file().probe(query, params.nprobeFor(cache.file().k()));
            long probedAt = System.nanoTime();
            try (CodeFile.Probed lists = cache.file().read(probed)) {
                long readAt = System.nanoTime();
                CandidateScan.Shortlist shortlist = cache.scan().shortlist(query, probed, lists, Math.max(top, candidates));
                return Optional.of(new Candidates(active.get().id(), probed.length, lists.faces() + cache.added().length,
                        lists.bytes(), withAdded(shortlist.faceIds(lists), cache.added()),
                        withAdded(shortlist.lowerBounds(), cache.added().length), probedAt - start, readAt - probedAt,
                        readAt));
            }
        });
        return found.map(f -> {
            // after the transaction, so that the re-rank's reads can go over several of the pool's connections
            long rerankAt = System.nanoTime();
            ExactRerank.Result nearest = ExactRerank.nearest(query, top, f.faceIds(), f.lowerBounds(), new DatabaseVectors(db));
            long scannedAt = System.nanoTime();
            return new ScanResult(nearest.nearest(), f.clusteringId(), f.clustersRead(), (int) f.facesRead(),
                    f.codeBytes() + (long) nearest.read() * query.length * Float.BYTES,
                    f.centroidNanos(), f.readNanos(), scannedAt - f.readAt(), scannedAt - rerankAt, nearest.read());
        });
    }

    /** What the transaction found: the shortlist to re-rank (faces added since the cache first) and its figures. */
    private record Candidates(long clusteringId, int clustersRead, long facesRead, long codeBytes, long[] faceIds,
            float[] lowerBounds, long centroidNanos, long readNanos, long readAt) {
    }

    /** The faces added since the cache first (they have no code: each is measured), then the shortlist. */
    private static long[] withAdded(long[] faceIds, long[] added) {
        long[] all = Arrays.copyOf(added, added.length + faceIds.length);
        System.arraycopy(faceIds, 0, all, added.length, faceIds.length);
        return all;
    }

    /** Bounds for {@link #withAdded}: minus infinity for the added faces, so the re-rank reads them all. */
    private static float[] withAdded(float[] lowerBounds, int added) {
        float[] all = new float[added + lowerBounds.length];
        Arrays.fill(all, 0, added, Float.NEGATIVE_INFINITY);
        System.arraycopy(lowerBounds, 0, all, added, lowerBounds.length);
        return all;
    }

    @Override
    public void close() {
        files.close();
    }
}
