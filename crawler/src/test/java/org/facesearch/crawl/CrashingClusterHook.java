package org.facesearch.crawl;

import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;

/**
 * Fault injection for resume tests: delegates to the real cluster hook, but the {@code crashAt}-th assignment
 * (1-based) throws, in the middle of a batch's transaction, as a crash would stop it. Later calls pass through.
 */
final class CrashingClusterHook implements ClusterHook {
    static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash inside a batch");
        }
    }

    private final ClusterHook delegate;
    private final int crashAt;
    private final AtomicInteger assigned = new AtomicInteger();

    CrashingClusterHook(ClusterHook delegate, int crashAt) {
        this.delegate = delegate;
        this.crashAt = crashAt;
    }

    @Override
    public void assign(DSLContext tx, String model, long faceId, float[] vector) {
        if (assigned.incrementAndGet() == crashAt) {
            throw new Crash();
        }
        delegate.assign(tx, model, faceId, vector);
    }

    @Override
    public void afterBatch(String model) {
        delegate.afterBatch(model);
    }
}
