package org.facesearch.crawl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.store.crawl.CrawlWrites;
import org.facesearch.store.privacy.DoNotCollect;

/**
 * The one way profiles, photos and faces get into the database, shared by {@code crawl} and {@code import}.
 *
 * <p>{@link #store} takes a batch of profiles with their photos and:
 * <ol>
 *   <li>drops the profiles on the do-not-collect list (people who asked to be forgotten), counted, unprocessed;</li>
 *   <li>hashes each photo (SHA-256); a photo whose content is already stored, or appears earlier in the batch, is
 *       not processed again (counted as a duplicate; its profile is still upserted);</li>
 *   <li>runs the face pipeline on the new photos, {@code analysisThreads} at a time, outside any transaction;</li>
 *   <li>writes the whole batch in ONE transaction ({@link BatchWriter}): profiles upserted by
 *       {@code (source, external_id)}, photos ({@code ok}, {@code no_face}, {@code failed} + reason), faces, and
 *       each face's cluster assignment; the caller's {@code alsoInTransaction} (e.g. a crawl cursor) commits with it;</li>
 *   <li>after the commit, calls {@link ClusterHook#afterBatch} so the recluster policy can act.</li>
 * </ol>
 * A transaction rolled back by an InnoDB deadlock (e.g. two processes creating a model's first clustering) is
 * run again, up to {@value #MAX_ATTEMPTS} times.
 * A batch is all or nothing: killed at any point, either everything of it (cursor included) is stored or none,
 * and rerunning it stores each photo and face once. Caveat: two processes storing the same new photo at the same
 * moment can both store it (the hash check is not a lock); run one crawl or import per database at a time.
 */
public final class StoragePath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoragePath.class);
    private static final int MAX_ATTEMPTS = 3;

    private final DSLContext dsl;
    private final FaceAnalyzer analyzer;
    private final ClusterHook clusters;
    private final BatchWriter writer;
    private final ExecutorService analysis;

    public StoragePath(DSLContext dsl, FaceAnalyzer analyzer, ClusterHook clusters, int analysisThreads) {
        if (analysisThreads < 1) {
            throw new IllegalArgumentException("analysis threads must be positive: " + analysisThreads);
        }
        this.dsl = dsl;
        this.analyzer = analyzer;
        this.clusters = clusters;
        this.writer = new BatchWriter(analyzer.model(), clusters);
        this.analysis = Executors.newFixedThreadPool(analysisThreads, Thread.ofPlatform().name("face-analysis-", 1).daemon().factory());
    }

    /** Stores a batch; see the class comment. */
    public StoreCounts store(List<Submission> batch) throws InterruptedException {
        return store(batch, tx -> { });
    }

    /**
     * Stores a batch and runs {@code alsoInTransaction} in the same transaction, after the batch's rows.
     * If it throws, nothing of the batch is stored.
     */
    public StoreCounts store(List<Submission> batch, Consumer<DSLContext> alsoInTransaction) throws InterruptedException {
        List<Submission> collectable = DoNotCollectFilter.collectable(batch, Submission::profile,
                (source, ids) -> DoNotCollect.listed(dsl, source, ids));
        StoreCounts listed = new StoreCounts(0, 0, 0, 0, 0, 0, 0, batch.size() - collectable.size());
        List<BatchWriter.Item> items = prepare(collectable);
        StoreCounts counts = null;
        for (int attempt = 1; counts == null; attempt++) {
            try {
                counts = dsl.transactionResult(cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    StoreCounts c = writer.write(tx, items);
                    alsoInTransaction.accept(tx);
                    return c;
                });
            } catch (DataAccessException e) {
                if (attempt >= MAX_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                LOG.info("batch rolled back by a deadlock (attempt {} of {}); retrying", attempt, MAX_ATTEMPTS);
            }
        }
        if (counts.faces() > 0) {
            clusters.afterBatch(analyzer.model());
        }
        return counts.plus(listed);
    }

    /** InnoDB's deadlock and lock-wait rollbacks (SQLSTATE 40001), which a rerun of the transaction resolves. */
    private static boolean isDeadlock(DataAccessException e) {
        return "40001".equals(e.sqlState());
    }

    private List<BatchWriter.Item> prepare(List<Submission> batch) throws InterruptedException {
        HexFormat hex = HexFormat.of();
        Map<Integer, byte[]> hashes = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).photo() instanceof PhotoInput.Bytes b) {
                hashes.put(i, ContentHash.sha256(b.bytes()));
            }
        }
        Set<String> seen = storedHashes(hashes.values());
        Map<Integer, Future<FaceAnalyzer.Analysis>> pending = new HashMap<>();
        List<BatchWriter.Item> items = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Submission s = batch.get(i);
            PreparedPhoto photo = switch (s.photo()) {
                case null -> null;
                case PhotoInput.Unavailable u -> new PreparedPhoto.Unavailable(u.url(), u.reason(), u.retryable());
                case PhotoInput.Bytes b -> {
                    if (!seen.add(hex.formatHex(hashes.get(i)))) {
                        yield new PreparedPhoto.Duplicate(b.url(), hashes.get(i));
                    }
                    pending.put(i, analysis.submit(() -> analyzer.analyze(b.bytes())));
                    yield null;  // filled in below, once analysed
                }
            };
            items.add(new BatchWriter.Item(s.profile(), photo));
        }
        try {
            for (var e : pending.entrySet()) {
                int i = e.getKey();
                PhotoInput.Bytes b = (PhotoInput.Bytes) batch.get(i).photo();
                items.set(i, new BatchWriter.Item(batch.get(i).profile(),
                        new PreparedPhoto.Analyzed(b.url(), hashes.get(i), b.bytes().length, analyse(e.getValue(), b.url()))));
            }
        } finally {
            pending.values().forEach(f -> f.cancel(true));
        }
        return items;
    }

    /**
     * The pipeline's answer. An unexpected pipeline failure on one photo is recorded against that photo (with its
     * hash, so it is not retried) rather than stopping a crawl that may run for days; the warning names the URL.
     */
    private static FaceAnalyzer.Analysis analyse(Future<FaceAnalyzer.Analysis> future, String url) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("face pipeline failed on {}: {}", url, cause.toString());
            return new FaceAnalyzer.Unreadable("face pipeline failed: " + cause);
        }
    }

    private Set<String> storedHashes(Collection<byte[]> hashes) {
        return CrawlWrites.storedHashes(dsl, hashes);
    }

    @Override
    public void close() {
        analysis.shutdownNow();
    }
}
