package org.facesearch.crawl.vk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads profile photos from VK's CDN (plain HTTPS GETs, no token involved).
 *
 * <ul>
 *   <li>Bounded concurrency: at most {@code maxConcurrent} downloads at once across all calling threads.</li>
 *   <li>Timeouts: {@code connectTimeout} for the connection, and {@code timeout} as a deadline for the whole
 *       download, headers and body; a server that stalls mid-body is cut off at the deadline too.</li>
 *   <li>Size cap: bodies above {@code maxBytes} are abandoned (a declared Content-Length above it is never read).</li>
 *   <li>VK's placeholder images ({@link VkPlaceholders}) are skipped without a request.</li>
 *   <li>The body must be an image ({@link ImageFormat}); its SHA-256 lets the caller skip photos already seen.</li>
 *   <li>Transient faults (5xx, 408, 429, timeouts, connection resets, a body shorter than its Content-Length) are
 *       retried with the {@link RetryPolicy}'s backoff, without holding a download slot while waiting; a photo
 *       still failing is a {@link PhotoResult.Failed} marked retryable, which the crawl stores for a later run.</li>
 * </ul>
 * Every outcome is a {@link PhotoResult}; only interruption is thrown. The CDN does not need the API rate limit.
 */
public final class PhotoDownloader implements AutoCloseable {
    private final HttpClient http;
    private final Semaphore permits;
    private final Duration timeout;
    private final long maxBytes;
    private final RetryPolicy retries;

    public PhotoDownloader(int maxConcurrent, Duration connectTimeout, Duration timeout, long maxBytes, RetryPolicy retries) {
        if (maxConcurrent < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxConcurrent and maxBytes must be positive");
        }
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.permits = new Semaphore(maxConcurrent);
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.retries = retries;
    }

    /** Downloads one photo, waiting for a free slot first. */
    public PhotoResult download(String url) throws InterruptedException {
        if (VkPlaceholders.isPlaceholder(url)) {
            return new PhotoResult.Skipped(url, "VK placeholder image");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            return new PhotoResult.Failed(url, "bad URL: " + e.getMessage(), false);
        }
        for (int attempt = 1; ; attempt++) {
            PhotoResult result;
            permits.acquire();
            try {
                result = fetch(url, request);
            } finally {
                permits.release();
            }
            if (!(result instanceof PhotoResult.Failed f) || !f.retryable() || attempt >= retries.maxAttempts()) {
                return result;
            }
            Thread.sleep(retries.backoff(attempt).toMillis());
        }
    }

    /** Downloads {@code urls} in parallel (within the concurrency bound); results in the order of {@code urls}. */
    public List<PhotoResult> downloadAll(List<String> urls) throws InterruptedException {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PhotoResult>> futures = new ArrayList<>(urls.size());
            for (String url : urls) {
                futures.add(executor.submit(() -> download(url)));
            }
            List<PhotoResult> results = new ArrayList<>(urls.size());
            for (Future<PhotoResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("photo download task failed unexpectedly", e.getCause());
                }
            }
            return results;
        }
    }

    private PhotoResult fetch(String url, HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, info -> info.statusCode() == 200
                ? new CappedBodySubscriber(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new PhotoResult.Failed(url, "timed out after " + timeout.toMillis() + " ms", true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CappedBodySubscriber.TooLargeException) return new PhotoResult.Failed(url, cause.getMessage(), false);
            return new PhotoResult.Failed(url, cause instanceof HttpTimeoutException ? "timed out after " + timeout.toMillis() + " ms"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage(), true);  // reset, refused, truncated
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            return new PhotoResult.Failed(url, "HTTP " + status, status >= 500 || status == 408 || status == 429);
        }
        byte[] bytes = response.body();
        ImageFormat format = ImageFormat.detect(bytes);
        if (format == null) {
            return new PhotoResult.Failed(url, "not a readable image (" + bytes.length + " bytes)", false);
        }
        return new PhotoResult.Downloaded(url, bytes, sha256(bytes), format);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
