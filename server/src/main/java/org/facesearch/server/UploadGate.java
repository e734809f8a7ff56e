package org.facesearch.server;

import io.javalin.http.Context;
import java.util.concurrent.Semaphore;

/**
 * Bounds the photo uploads in flight (received, decoded, analysed): each holds up to the upload cap plus its
 * decoded pixels, so an unbounded number of them could exhaust the heap. Beyond the bound a request is refused
 * at once with 503 and a {@code Retry-After} instead of queueing: the client can retry, the server stays up.
 */
final class UploadGate {
    private final Semaphore permits;
    private final int bound;

    UploadGate(int bound) {
        this.bound = bound;
        this.permits = new Semaphore(bound);
    }

    /**
     * Runs {@code work} holding a permit, or throws a 503 {@link ApiException} when none is free, after discarding
     * the request's body (see {@link UnreadBody}) so that the client reads the 503.
     */
    <T> T run(Context ctx, java.util.function.Supplier<T> work) {
        if (!permits.tryAcquire()) {
            UnreadBody.discard(ctx);
            throw new ApiException(503, "the server is busy with " + bound + " uploads; retry in a moment");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
