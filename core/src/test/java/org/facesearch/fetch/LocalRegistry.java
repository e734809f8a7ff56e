package org.facesearch.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An npm registry on 127.0.0.1 for tests, on a raw socket so that it can also misbehave: each path answers with a
 * body and a declared Content-Length that may exceed it (a connection cut mid-transfer). Records the paths asked.
 */
final class LocalRegistry implements AutoCloseable {
    /** An answer: its body and the length announced for it. */
    record Answer(byte[] body, long declaredLength) {
        static Answer of(byte[] body) {
            return new Answer(body, body.length);
        }
    }

    private final ServerSocket socket;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    LocalRegistry() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** Publishes {@code pkg}'s version document naming {@code tarball} bytes at {@code /tarballs/<file>}. */
    void publish(NpmPackage pkg, String listedIntegrity, String tarballUrl, Answer tarball) {
        String name = pkg.name().replace("/", "%2F");
        answer("/" + name + "/" + pkg.version(), Answer.of(("{\"name\":\"" + pkg.name() + "\",\"version\":\"" + pkg.version()
                + "\",\"dist\":{\"integrity\":\"" + listedIntegrity + "\",\"tarball\":\"" + tarballUrl + "\"}}").getBytes(StandardCharsets.UTF_8)));
        answer("/tarballs/" + pkg.tarballFile(), tarball);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                String path = in.readLine().split(" ")[1];
                while (!in.readLine().isEmpty()) {
                    // headers are not needed
                }
                asked.add(path);
                Answer a = answers.get(path);
                OutputStream out = s.getOutputStream();
                if (a == null) {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + a.declaredLength() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(a.body());
                }
                out.flush();
            } catch (IOException | RuntimeException e) {
                // a closed socket ends the loop; a client that hung up is its own test's concern
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
