package org.facesearch.crawl.vk;

import com.vk.api.sdk.client.ClientResponse;
import com.vk.api.sdk.client.TransportClient;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.http.Header;

/**
 * The SDK's {@link TransportClient} on {@link java.net.http.HttpClient}, replacing the SDK's
 * {@code HttpTransportClient} for three reasons:
 * <ul>
 *   <li>secrecy: {@code HttpTransportClient} logs every request payload at DEBUG/TRACE with a mask that only
 *       recognises hex tokens (today's {@code vk1.a.…} tokens pass through unmasked), and Apache's wire log prints
 *       bodies too; this class logs nothing;</li>
 *   <li>timeouts per client instead of the SDK's static, shared Apache client;</li>
 *   <li>response headers in a case-insensitive map, so the SDK's exact-case {@code Content-Type} lookup works
 *       whatever case a server (or proxy) writes.</li>
 * </ul>
 * The SDK sends every API call through {@code post(url, body, headers)}; the other verbs share one code path.
 * File upload ({@code post(url, files)}) is not something facesearch does and is rejected.
 */
final class JdkTransportClient implements TransportClient, AutoCloseable {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient http;
    private final Duration requestTimeout;

    JdkTransportClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public ClientResponse post(String url, String body, Header[] headers) throws IOException {
        return send("POST", url, body, null, headers);
    }

    @Override
    public ClientResponse post(String url, String body) throws IOException {
        return send("POST", url, body, null, null);
    }

    @Override
    public ClientResponse post(String url, String body, String contentType) throws IOException {
        return send("POST", url, body, contentType, null);
    }

    @Override
    public ClientResponse post(String url) throws IOException {
        return send("POST", url, "", null, null);
    }

    @Override
    public ClientResponse post(String url, Map<String, File> files) {
        throw new UnsupportedOperationException("facesearch does not upload files to VK");
    }

    @Override
    public ClientResponse get(String url) throws IOException {
        return send("GET", url, null, null, null);
    }

    @Override
    public ClientResponse get(String url, String contentType) throws IOException {
        return send("GET", url, null, contentType, null);
    }

    @Override
    public ClientResponse get(String url, Header[] headers) throws IOException {
        return send("GET", url, null, null, headers);
    }

    @Override
    public ClientResponse delete(String url) throws IOException {
        return send("DELETE", url, null, null, null);
    }

    @Override
    public ClientResponse delete(String url, String body) throws IOException {
        return send("DELETE", url, body, null, null);
    }

    @Override
    public ClientResponse delete(String url, String body, String contentType) throws IOException {
        return send("DELETE", url, body, contentType, null);
    }

    @Override
    public ClientResponse delete(String url, String body, Header[] headers) throws IOException {
        return send("DELETE", url, body, null, headers);
    }

    private ClientResponse send(String verb, String url, String body, String contentType, Header[] headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("User-Agent", "facesearch (VK Java SDK)")
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        if (headers != null) {
            for (Header h : headers) {
                request.setHeader(h.getName(), h.getValue());
                typed |= h.getName().equalsIgnoreCase("Content-Type");
            }
        }
        if (!typed && body != null) {
            request.setHeader("Content-Type", contentType != null ? contentType : FORM);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling VK");
        }
        Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> responseHeaders.put(name, String.join(", ", values)));
        return new ClientResponse(response.statusCode(), response.body(), responseHeaders);
    }

    @Override
    public void close() {
        http.close();
    }
}
