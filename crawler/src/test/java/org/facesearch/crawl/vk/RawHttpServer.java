package org.facesearch.crawl.vk;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 (random port) for test fixtures: request line, headers, a Content-Length
 * body, keep-alive, and responses written byte for byte as given.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver.HttpServer}: it normalises response header names to
 * {@code Content-type}, and the VK SDK looks up {@code Content-Type} case-sensitively and rejects the answer
 * ("No content type header") when it runs on its stock {@code HttpTransportClient}. Here the name goes out as written.
 * Chunked request bodies are not supported (neither the SDK nor {@code java.net.http} sends them for forms).
 */
final class RawHttpServer implements AutoCloseable {

    record Request(String method, String path, Map<String, String> headers, Map<String, String> params) {
    }

    /**
     * @param sent how many body bytes actually go out before the connection is closed: {@link #ALL}, a number below
     *             the declared length (a truncated body), or {@link #NOTHING} (the connection closes before any answer)
     */
    record Response(int status, String contentType, byte[] body, int sent) {
        static final int ALL = -1;
        static final int NOTHING = -2;

        Response(int status, String contentType, byte[] body) {
            this(status, contentType, body, ALL);
        }
    }

    /** Runs on the connection's virtual thread: it may block (e.g. sleep to simulate a slow server). */
    interface Handler {
        Response handle(Request request) throws InterruptedException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    RawHttpServer(Handler handler) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.handler = handler;
        Thread.ofPlatform().daemon().name("raw-http-accept-" + port()).start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                String[] parts = requestLine.split(" ");
                String target = parts[1];
                int q = target.indexOf('?');
                Map<String, String> params = new LinkedHashMap<>();
                if (q >= 0) {
                    parseForm(target.substring(q + 1), params);
                }
                if (headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
                    parseForm(new String(body, StandardCharsets.UTF_8), params);
                }
                Response response = handler.handle(new Request(parts[0], q >= 0 ? target.substring(0, q) : target, headers, params));
                if (response.sent() == Response.NOTHING) {
                    return;  // closing the socket unanswered: the client sees a reset or an early end of stream
                }
                out.write(("HTTP/1.1 " + response.status() + " " + (response.status() == 200 ? "OK" : "Error") + "\r\n"
                        + "Content-Type: " + response.contentType() + "\r\n"
                        + "Content-Length: " + response.body().length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(response.body(), 0, response.sent() == Response.ALL ? response.body().length : response.sent());
                out.flush();
                if (response.sent() != Response.ALL) {
                    return;
                }
                if ("close".equalsIgnoreCase(headers.get("connection"))) {
                    return;
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away or the server is closing: nothing to report to anyone
        } finally {
            open.remove(socket);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                buf.write(b);
            }
        }
        return b == -1 && buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static void parseForm(String form, Map<String, String> into) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
