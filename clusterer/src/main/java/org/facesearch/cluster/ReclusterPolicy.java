package org.facesearch.cluster;

import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.clusters.ReclusterBusyException;

/**
 * The automatic trigger: after each committed insert batch the storage path calls {@link #afterBatch}; when any
 * cluster of the model's active version holds more than {@code cap} faces, a recluster runs.
 *
 * <p>The recluster runs in the calling thread and {@code afterBatch} returns when it is done (minutes at a
 * million faces); faces stored meanwhile by other threads or processes are kept (see {@link Recluster}). One at
 * a time: a thread arriving while another thread of this process reclusters returns at once, and a recluster
 * refused because another process holds the database lock is logged and skipped; the next batch checks again.
 * The check itself is one indexed query over the active version's centroid rows.
 */
public final class ReclusterPolicy {
    private static final Logger log = LoggerFactory.getLogger(ReclusterPolicy.class);

    private final DSLContext db;
    private final int cap;
    private final Reclusterer reclusterer;
    private final ReentrantLock running = new ReentrantLock();

    /**
     * @param db          the database (not a transaction: call after commit)
     * @param cap         largest allowed cluster size
     * @param reclusterer what runs when a cluster passes the cap
     */
    public ReclusterPolicy(DSLContext db, int cap, Reclusterer reclusterer) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be >= 1, got " + cap);
        }
        this.db = db;
        this.cap = cap;
        this.reclusterer = reclusterer;
    }

    /**
     * Checks the active clustering of {@code model} and reclusters if a cluster passed the cap.
     *
     * @return true if a recluster ran to completion in this call
     */
    public boolean afterBatch(String model) {
        if (!overCap(model) || !running.tryLock()) {
            return false;
        }
        try {
            if (!overCap(model)) {
                return false;  // another thread reclustered while this one waited for its batch to commit
            }
            log.info("a cluster of model {} passed the cap of {} faces: reclustering", model, cap);
            reclusterer.recluster(model);
            return true;
        } catch (ReclusterBusyException e) {
            log.info("recluster of model {} skipped: {}", model, e.getMessage());
            return false;
        } finally {
            running.unlock();
        }
    }

    /** Whether a cluster of the active version of {@code model} holds more than the cap. */
    public boolean overCap(String model) {
        return Clusterings.active(db, model)
                .map(v -> Clusterings.largestCluster(db, v.id()) > cap)
                .orElse(false);
    }
}
