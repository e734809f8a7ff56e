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
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.facesearch.store.faces.FaceCatalog;

/**
 * Reads the bytes of a stored photo by the URL the crawler or the importer recorded, capped in size and time. Only
 * URLs from the database come here, never one from a request; and since those come from outside too (VK's
 * answers, CSV files), they are checked: a {@code file:} URI is opened only for a gallery row and only under a
 * folder an import read from ({@code gallery_root}, symbolic links resolved); an {@code http(s)} URL is fetched
 * only as {@link PhotoSources} allows, redirects followed by hand and each hop checked by the same rule.
 */
final class StoredPhotos {
    private static final int MAX_REDIRECTS = 3;

    private final long maxBytes;
    private final PhotoSources sources;
    private final Supplier<List<String>> galleryRoots;
    private final HttpClient http;

    /** @param galleryRoots the folders imports read from, asked each time a {@code file:} URL is read */
    StoredPhotos(long maxBytes, PhotoSources sources, Supplier<List<String>> galleryRoots) {
        this.maxBytes = maxBytes;
        this.sources = sources;
        this.galleryRoots = galleryRoots;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The photo {@code face} is in; only a gallery profile's photo may be a local file. */
    byte[] read(FaceCatalog.StoredFace face) throws IOException {
        String url = face.photoUrl();
        boolean gallery = "gallery".equals(face.source());
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> readFile(uri, gallery);
            case "http", "https" -> download(uri);
            default -> throw new IOException("unsupported photo URL scheme: " + url);
        };
    }

    private byte[] readFile(URI uri, boolean gallery) throws IOException {
        if (!gallery) throw new IOException("a file: URL on a row that is not a gallery's: " + uri);
        Path file = Path.of(uri).toRealPath();
        for (String root : galleryRoots.get()) {
            if (file.startsWith(Path.of(root))) return readCapped(Files.newInputStream(file), uri.toString());
        }
        throw new IOException("not under a folder an import read from: " + uri);
    }

    private byte[] download(URI start) throws IOException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            sources.check(uri);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + uri, e);
            }
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                uri = uri.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("HTTP " + status + " for " + uri);
            }
            return readCapped(response.body(), uri.toString());
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + start);
    }

    private byte[] readCapped(InputStream in, String url) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw new IOException("photo larger than " + maxBytes + " bytes: " + url);
            return bytes;
        }
    }
}
