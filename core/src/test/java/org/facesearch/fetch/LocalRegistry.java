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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An npm registry on 127.0.0.1 for tests, on a raw socket so that it can also misbehave: each path answers with a
 * body and a declared Content-Length that may exceed it, and then either cuts the connection (a truncated transfer)
 * or holds it open until the registry closes (a transfer that stalls, to kill its client mid-way). Records the paths
 * asked.
 */
final class LocalRegistry implements AutoCloseable {
    /** An answer: its body and the length announced for it. */
    record Answer(byte[] body, long declaredLength, boolean hold) {
        static Answer of(byte[] body) {
            return new Answer(body, body.length, false);
        }

        static Answer truncated(byte[] body, long declaredLength) {
            return new Answer(body, declaredLength, false);
        }

        static Answer stalled(byte[] body, long declaredLength) {
            return new Answer(body, declaredLength, true);
        }
    }

    private final ServerSocket socket;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();

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

    private final CountDownLatch closed = new CountDownLatch(1);

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> answer(s));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void answer(Socket socket) {
        try (Socket s = socket) {
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
                out.flush();
                if (a.hold()) closed.await();
            }
        } catch (IOException | RuntimeException e) {
            // a client that hung up is its own test's concern
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
