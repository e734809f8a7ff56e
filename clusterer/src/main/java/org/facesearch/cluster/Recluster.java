package org.facesearch.cluster;


import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.facesearch.index.CandidateScan;
import org.facesearch.vector.Centroids;
import org.facesearch.store.clusters.AssignmentWriter;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.ClusteringWrites;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.clusters.ReclusterLock;
import org.facesearch.store.faces.FacePage;
import org.facesearch.store.faces.FaceSampler;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains k-means for one model and reassigns every face, writing a new clustering version beside the active
 * one and switching to it atomically.
 *
 * <ol>
 * <li><b>Lock</b>: {@link ReclusterLock} (database-wide); a second recluster is refused, not queued.
 * <li><b>Clean up</b> what a killed run left: versions of the model in state building or retired are deleted.
 * <li><b>Plan</b> k ({@link ReclusterPlan}), <b>sample</b> faces uniformly ({@link FaceSampler}), <b>train</b>
 *     ({@link SampleTraining}, Smile k-means++), and store the version as {@code building} with its centroids.
 * <li><b>Stream</b> all faces of the model in id-ordered pages ({@link FacePage}); a reader thread fetches the next
 *     page while this one assigns the current page with the SIMD code ({@link Centroids#assignAll}) and writes it
 *     ({@link AssignmentWriter}). Searches keep using the active version meanwhile.
 * <li><b>Switch</b> in one transaction: lock the active version's row ({@code FOR UPDATE}: this waits for
 *     transactions still assigning new faces to it, see {@link ClusterAssignment}), assign the faces stored during
 *     the stream that the new version lacks, set the centroid sizes counted from the version's rows, old version to
 *     retired, new one to active.
 *     The lock is the transaction's first statement, so its snapshot is taken after those transactions committed.
 *     Most late faces are caught up just before, without the lock, so the lock is held briefly.
 * <li><b>Delete</b> the retired version in small chunks (searches that started before the switch read it in a
 *     consistent snapshot, so they stay complete).
 * </ol>
 * A forget running meanwhile never has a removed face written back: each page is written after a shared lock on
 * its faces that still exist ({@link AssignmentWriter}), the forget deletes the face's rows of every version, the
 * building one included, and the switch waits for a forget holding the active version's row and counts the sizes
 * from the rows that remain.
 * A run killed at any point leaves the active version untouched and complete: before the switch only the
 * building version is written; the switch is one transaction; after it, only the retired version is deleted,
 * and the next run finishes that. Memory: the training sample (see {@link ReclusterOptions#maxSample()}) and
 * three pages of faces, independent of the number of faces.
 */
public final class Recluster implements Reclusterer {
    private static final Logger log = LoggerFactory.getLogger(Recluster.class);
    private static final int SWITCH_ATTEMPTS = 5;

    private final DSLContext db;
    private final ReclusterOptions options;
    private final ReclusterProgress progress;
    private IntConsumer afterPageWritten = pages -> { };

    public Recluster(DSLContext db, ReclusterOptions options, ReclusterProgress progress) {
        this.db = db;
        this.options = options;
        this.progress = progress;
    }

    /** What {@link #recluster} would do now, without writing anything. */
    public ReclusterPlan plan(String model) {
        return ReclusterPlan.of(db, model, options);
    }

    /** Test hook: called with the number of pages written after each page of the stream phase. */
    void afterPageWritten(IntConsumer hook) {
        this.afterPageWritten = hook;
    }

    @Override
    public ReclusterReport recluster(String model) {
        try (ReclusterLock lock = ReclusterLock.acquire(db)) {
            return run(model);
        }
    }

    private ReclusterReport run(String model) {
        long start = System.nanoTime();
        dropUnfinished(model);
        ReclusterPlan plan = plan(model);
        long previous = plan.active().map(ClusteringVersion::id).orElse(0L);
        if (plan.isEmpty()) {
            Duration zero = Duration.ZERO;
            return new ReclusterReport(model, previous, 0, 0, 0, 0, ClusterSizes.of(new int[0], options.cap()),
                    zero, zero, zero, zero, zero, zero, zero, zero, Duration.ofNanos(System.nanoTime() - start));
        }
        log.info("reclustering {} faces of model {}: k = {} (was {}), sample {}", plan.faces(), model, plan.k(),
                plan.active().map(ClusteringVersion::k).orElse(0), plan.sampleSize());

        long t = System.nanoTime();
        float[][] sample = FaceSampler.sample(db, model, UniformSample.positions(plan.faces(), plan.sampleSize(), options.seed()));
        Duration sampling = since(t);
        t = System.nanoTime();
        Centroids centroids = SampleTraining.train(sample, plan.k(), plan.faces(), options);
        Duration training = since(t);
        int sampleSize = sample.length;
        sample = null;  // let the sample go before streaming

        long version = ClusteringWrites.createBuilding(db, model, options.cap(), centroids);
        Stream stream = stream(model, version, centroids, plan.faces());

        t = System.nanoTime();
        long caughtUp = catchUp(db, model, version, centroids);
        List<Long> retired = new ArrayList<>();
        Switched switched = switchWithRetry(model, version, centroids, retired);
        caughtUp += switched.caughtUp();
        int[] sizes = switched.sizes();
        Duration switchOver = since(t);
        log.info("clustering version {} of model {} is active{}", version, model,
                caughtUp == 0 ? "" : " (" + caughtUp + " faces stored while it ran were assigned at the switch)");

        t = System.nanoTime();
        for (long old : retired) {
            ClusteringWrites.deleteVersion(db, old);
        }
        Duration cleanup = since(t);
        return new ReclusterReport(model, previous, version, stream.faces, caughtUp, sampleSize,
                ClusterSizes.of(sizes, options.cap()), sampling, training, stream.read, stream.assign, stream.write,
                stream.wall, switchOver, cleanup, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Stream(long faces, Duration read, Duration assign, Duration write, Duration wall) {
    }

    private Stream stream(String model, long version, Centroids centroids, long expected) {
        long wallStart = System.nanoTime();
        CandidateScan codes = new CandidateScan(centroids);
        AtomicLong readNanos = new AtomicLong();
        long assignNanos = 0;
        long writeNanos = 0;
        long faces = 0;
        int pages = 0;
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("recluster-reader").unstarted(r));
        progress.start("Assigning faces", expected);
        try {
            CompletableFuture<FacePage> next = readAsync(reader, model, 0, readNanos);
            while (true) {
                FacePage page = join(next);
                if (page.count() == 0) {
                    break;
                }
                next = readAsync(reader, model, page.lastId(), readNanos);
                long t = System.nanoTime();
                int[] clusters = centroids.assignAll(page.vectors(), page.count());
                byte[][] pageCodes = codes.codeBytesAll(page.vectors(), page.count(), clusters);
                assignNanos += System.nanoTime() - t;
                t = System.nanoTime();
                AssignmentWriter.write(db, version, page.ids(), clusters, pageCodes);
                writeNanos += System.nanoTime() - t;
                faces += page.count();
                progress.advance(page.count());
                afterPageWritten.accept(++pages);
            }
        } finally {
            reader.shutdownNow();
            progress.finish();
        }
        return new Stream(faces, Duration.ofNanos(readNanos.get()), Duration.ofNanos(assignNanos),
                Duration.ofNanos(writeNanos), since(wallStart));
    }

    private CompletableFuture<FacePage> readAsync(ExecutorService reader, String model, long after, AtomicLong nanos) {
        return CompletableFuture.supplyAsync(() -> {
            long t = System.nanoTime();
            FacePage page = FacePage.after(db, model, after, options.pageSize());
            nanos.addAndGet(System.nanoTime() - t);
            return page;
        }, reader);
    }

    private static FacePage join(CompletableFuture<FacePage> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Assigns the faces of {@code model} that have no row in {@code version} yet; returns how many. */
    private long catchUp(DSLContext dsl, String model, long version, Centroids centroids) {
        CandidateScan codes = new CandidateScan(centroids);
        long count = 0;
        long after = 0;
        for (FacePage page; (page = FacePage.unassigned(dsl, model, version, after, options.pageSize())).count() > 0;
                after = page.lastId()) {
            int[] clusters = centroids.assignAll(page.vectors(), page.count());
            AssignmentWriter.write(dsl, version, page.ids(), clusters, codes.codeBytesAll(page.vectors(), page.count(), clusters));
            count += page.count();
        }
        return count;
    }

    /** What the switch did: faces caught up inside it, and the new version's cluster sizes. */
    private record Switched(long caughtUp, int[] sizes) {
    }

    /**
     * Runs the switch transaction, again if InnoDB chose it as a deadlock victim (SQLState 40001: possible when a
     * writer's shared lock on the active row and the switch's index changes cross, or a forget's).
     */
    private Switched switchWithRetry(String model, long version, Centroids centroids, List<Long> retired) {
        for (int attempt = 1; ; attempt++) {
            List<Long> previous = new ArrayList<>();
            try {
                Switched switched = db.transactionResult(c -> switchTo(c.dsl(), model, version, centroids, previous));
                retired.addAll(previous);
                return switched;
            } catch (DataAccessException e) {
                if (attempt >= SWITCH_ATTEMPTS || !"40001".equals(e.sqlState())) {
                    throw e;
                }
                log.info("switch to clustering version {} was a deadlock victim (attempt {}); retrying", version, attempt);
            }
        }
    }

    private Switched switchTo(DSLContext tx, String model, long version, Centroids centroids, List<Long> retired) {
        retired.addAll(ClusteringWrites.lockActive(tx, model));
        long caughtUp = catchUp(tx, model, version, centroids);
        return new Switched(caughtUp, ClusteringWrites.activate(tx, version, centroids.k(), retired));
    }

    /** Deletes what a killed run left behind: building and retired versions of {@code model}. */
    private void dropUnfinished(String model) {
        for (ClusteringVersion v : Clusterings.unfinished(db, model)) {
            log.info("deleting {} clustering version {} of model {} left by an earlier run", v.status(), v.id(), model);
            ClusteringWrites.deleteVersion(db, v.id());
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
