package org.facesearch.crawl.vk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array but gives up, cancelling the transfer, as soon as it would pass
 * {@code maxBytes}, so an oversized or endless body costs at most the cap in memory and bandwidth. A declared
 * Content-Length above the cap fails before any byte is read.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** The body passed the cap. */
    static final class TooLargeException extends IOException {
        TooLargeException(long maxBytes) {
            super("larger than the cap of " + maxBytes + " bytes");
        }
    }

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final long maxBytes;
    private final long declaredLength;
    private Flow.Subscription subscription;

    CappedBodySubscriber(long maxBytes, long declaredLength) {
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLength > maxBytes) {
            subscription.cancel();
            result.completeExceptionally(new TooLargeException(maxBytes));
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (body.size() + (long) buffer.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(maxBytes));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            body.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
