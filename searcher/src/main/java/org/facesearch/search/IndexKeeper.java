package org.facesearch.search;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.facesearch.index.LiveIndex;
import org.facesearch.vector.VectorCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.store.faces.StoredVector;
import org.facesearch.store.privacy.FaceRemovals;

/**
 * Keeps the server's {@link LiveIndex} in step with the database without a restart: every few seconds it adds
 * the faces stored since the last look (ids above the largest seen), and when another clustering became active
 * it builds a whole new index and swaps it in atomically, then adds what arrived during the build; then it drops
 * the faces a forget removed since the last look (the removal log, {@code face_removal}), so a forgotten person
 * leaves the server's answers within one refresh period.
 *
 * <p>Caveat: "ids above the largest seen" misses a face whose transaction commits after a face with a larger id
 * was already picked up (concurrent writers); such a face appears at the next full rebuild (the next
 * clustering). One writer at a time, as the crawler and the importer do, never hits this.
 */
public final class IndexKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexKeeper.class);
    private static final int PAGE = 5_000;

    private final IndexLoader loader;
    private final String model;
    private final LiveIndex live;
    private final AtomicReference<Freshness> freshness;
    private final ScheduledExecutorService timer;
    private long lastRemovalId;

    /** How current the index is: the clustering it follows, the largest face id in it, and when it was checked. */
    public record Freshness(long clusteringId, long lastFaceId, Instant loadedAt, Instant checkedAt) {
    }

    private IndexKeeper(IndexLoader loader, String model, IndexLoader.Loaded first) {
        this.loader = loader;
        this.model = model;
        this.live = new LiveIndex(first.index());
        this.lastRemovalId = first.lastRemovalId();
        Instant now = Instant.now();
        this.freshness = new AtomicReference<>(new Freshness(first.clusteringId(), first.lastFaceId(), now, now));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "index-keeper");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the index now and, if {@code refreshSeconds > 0}, refreshes it at that period in the background. */
    public static IndexKeeper start(IndexLoader loader, String model, long refreshSeconds) {
        IndexKeeper keeper = new IndexKeeper(loader, model, loader.load());
        if (refreshSeconds > 0) {
            keeper.timer.scheduleWithFixedDelay(keeper::refreshQuietly, refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
        }
        return keeper;
    }

    public LiveIndex index() {
        return live;
    }

    public Freshness freshness() {
        return freshness.get();
    }

    /**
     * One refresh: a rebuild if the active clustering changed, then the faces added since the last look, then the
     * faces removed since the last look.
     */
    public synchronized void refresh() {
        Freshness f = freshness.get();
        long clusteringId = loader.activeClusteringId();
        Instant loadedAt = f.loadedAt();
        long last = f.lastFaceId();
        if (clusteringId != f.clusteringId()) {
            log.info("index: clustering {} is now active (was {}); rebuilding", clusteringId, f.clusteringId());
            IndexLoader.Loaded rebuilt = loader.load();
            live.swap(rebuilt.index());
            loadedAt = Instant.now();
            last = rebuilt.lastFaceId();
            clusteringId = rebuilt.clusteringId();
            lastRemovalId = rebuilt.lastRemovalId();
        }
        int added = 0;
        List<StoredVector> page;
        do {
            page = loader.facesAfter(last, PAGE);
            for (StoredVector row : page) {
                last = row.id();
                float[] vector = VectorCodec.decode(row.vector());
                if (vector.length == live.current().dimension()) {
                    live.add(model, last, vector);
                    added++;
                }
            }
        } while (page.size() == PAGE);
        if (added > 0) log.info("index: added {} new face(s), {} in all", added, live.current().size());
        dropRemoved();
        freshness.set(new Freshness(clusteringId, last, loadedAt, Instant.now()));
    }

    private void dropRemoved() {
        List<FaceRemovals.Removal> removals;
        do {
            removals = loader.removalsAfter(lastRemovalId, PAGE);
            Set<Long> ids = new HashSet<>();
            for (FaceRemovals.Removal r : removals) {
                ids.add(r.faceId());
                lastRemovalId = r.id();
            }
            long before = live.current().size();
            live.remove(ids);
            if (!ids.isEmpty()) log.info("index: dropped {} removed face(s)", before - live.current().size());
        } while (removals.size() == PAGE);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("index: refresh failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
