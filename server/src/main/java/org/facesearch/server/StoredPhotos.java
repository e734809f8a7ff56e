package org.facesearch.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the bytes of a stored photo by the URL the crawler or the importer recorded: a {@code file:} URI (local
 * galleries) from disk, an {@code http(s):} URL (VK) by a download capped in size and time. Only URLs from the
 * database come here, never one from a request, so the server cannot be made to fetch arbitrary addresses.
 */
final class StoredPhotos {
    private final long maxBytes;
    private final HttpClient http;

    StoredPhotos(long maxBytes) {
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    byte[] read(String url) throws IOException {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "file" -> readCapped(Files.newInputStream(Path.of(uri)), url);
            case "http", "https" -> download(uri);
            default -> throw new IOException("unsupported photo URL scheme: " + url);
        };
    }

    private byte[] download(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            return readCapped(response.body(), uri.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }

    private byte[] readCapped(InputStream in, String url) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw new IOException("photo larger than " + maxBytes + " bytes: " + url);
            return bytes;
        }
    }
}
