package org.facesearch.server;

import org.facesearch.search.SearchParams;

/**
 * How one server runs: where it listens, the request limits and the search defaults. Built by the {@code serve}
 * command from the configuration; tests build it directly.
 *
 * @param host                 interface to bind ({@code 127.0.0.1} for local use, {@code 0.0.0.0} in a container)
 * @param port                 TCP port, 0 for any free port
 * @param maxUploadBytes       the largest photo accepted; bigger uploads get 413
 * @param maxConcurrentUploads photos being received or analysed at once; more get 503 (bounds memory)
 * @param defaultTop           matches per face when the request does not say
 * @param defaultNprobe        clusters scanned per query when the request does not say, or
 *                             {@link org.facesearch.search.SearchParams#AUTO}
 * @param defaultMaxFaces      faces searched per photo when the request does not say
 * @param maxImagePixels       the largest image decoded (uploads and thumbnails); bigger uploads get 413 unread
 * @param photoSources         the stored photo URLs thumbnails may be downloaded from
 * @param requireKey           whether the search and read routes need an API key ({@code http.require-key});
 *                             the admin routes always do
 * @param forgetMinSimilarity  the cosine similarity from which a stored face is listed for review by a forget by
 *                             photo ({@code forget.min-similarity})
 */
public record ServerSettings(String host, int port, long maxUploadBytes, int maxConcurrentUploads,
                             int defaultTop, int defaultNprobe, int defaultMaxFaces, long maxImagePixels,
                             PhotoSources photoSources, boolean requireKey, double forgetMinSimilarity) {
    /** Upper bounds of the per-request parameters, whatever the request asks. */
    public static final int MAX_TOP = SearchParams.MAX_TOP;
    public static final int MAX_FACES = 50;

    public ServerSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (maxUploadBytes < 1 || maxConcurrentUploads < 1 || defaultTop < 1 || defaultNprobe < 0 || defaultMaxFaces < 1 || maxImagePixels < 1) {
            throw new IllegalArgumentException("limits and defaults must be positive");
        }
        java.util.Objects.requireNonNull(photoSources, "photoSources");
    }
}
