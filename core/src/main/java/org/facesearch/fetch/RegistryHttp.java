package org.facesearch.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * GET requests to one trusted origin (the configured registry's scheme, host and port): a redirect is followed only
 * within that origin, and a URL elsewhere is refused before any connection, so the tool fetches nothing the user did
 * not configure. The registry's token, if any, therefore never leaves that origin. Built on
 * {@link HttpURLConnection} for its read timeout: a stalled transfer fails after {@link #READ_TIMEOUT} instead of
 * hanging (the newer {@code HttpClient} has no timeout once the body streams).
 */
final class RegistryHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30), READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;

    private final URI origin;
    private final Optional<String> token;

    RegistryHttp(URI registry, Optional<String> token) {
        this.origin = registry;
        this.token = token;
    }

    /** An open response body and its declared length (-1 when not given); the caller closes the stream. */
    record Body(InputStream in, long length) {
    }

    /** Opens {@code uri}; refuses another origin, a non-200 answer and a declared length over {@code maxBytes}. */
    Body get(URI uri, String accept, long maxBytes) throws IOException {
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            requireTrusted(uri);
            var c = (HttpURLConnection) uri.toURL().openConnection();
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            c.setReadTimeout((int) READ_TIMEOUT.toMillis());
            c.setRequestProperty("Accept", accept);
            c.setRequestProperty("User-Agent", "facesearch");
            token.ifPresent(t -> c.setRequestProperty("Authorization", "Bearer " + t));
            int status = c.getResponseCode();
            if (status >= 300 && status < 400 && c.getHeaderField("Location") != null) {
                uri = uri.resolve(c.getHeaderField("Location"));
                c.disconnect();
                continue;
            }
            if (status != 200) {
                c.disconnect();
                throw new IOException("the npm registry answered HTTP " + status + " for " + uri);
            }
            long length = c.getContentLengthLong();
            if (length > maxBytes) {
                c.disconnect();
                throw new IOException(uri + " is " + length + " bytes, over the limit of " + maxBytes);
            }
            return new Body(c.getInputStream(), length);
        }
        throw new IOException("over " + MAX_REDIRECTS + " redirects from the npm registry at " + origin);
    }

    private void requireTrusted(URI uri) throws IOException {
        boolean same = Objects.equals(uri.getScheme(), origin.getScheme()) && uri.getHost() != null
                && uri.getHost().equalsIgnoreCase(origin.getHost()) && port(uri) == port(origin);
        if (!same) {
            throw new IOException("refusing " + uri + ": not on the configured npm registry " + origin.getScheme() + "://"
                    + origin.getRawAuthority() + " (set npm_config_registry or registry= in ~/.npmrc to trust another)");
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }
}
