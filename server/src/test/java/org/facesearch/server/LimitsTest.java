package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload limits on a server whose cap is 100,000 bytes and that takes one upload at a time: a photo above the
 * cap is 413 whether its declared length says so up front or only the bytes read do, as raw body and as
 * multipart; a second upload while one is in flight is 503; the server keeps working afterwards.
 */
class LimitsTest {
    private static final long CAP = 100_000;

    @TempDir
    static Path home;
    static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(home).start(ServerFixture.settings(CAP, 1));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void photosAboveTheCapAre413() {
        byte[] far = TestPhotos.bytes(TestPhotos.astronaut());      // 790 KB: refused on its declared length
        byte[] near = TestPhotos.bytes(TestPhotos.groupPhoto());   // 145 KB: within the multipart slack, refused on reading
        assertTrue(far.length > CAP + PhotoUpload.MULTIPART_OVERHEAD && near.length > CAP
                && near.length < CAP + PhotoUpload.MULTIPART_OVERHEAD, "fixture sizes");
        for (byte[] photo : new byte[][] {far, near}) {
            Http.Response raw = Http.post(fixture.url("/api/search"), "image/jpeg", photo);
            assertEquals(413, raw.status(), "raw body of " + photo.length + " bytes");
            assertTrue(raw.json().path("error").asText().contains("larger than"), raw.json().toString());
            Http.Response multipart = Http.postMultipart(fixture.url("/api/search"), "photo", "big.jpg", "image/jpeg", photo);
            assertEquals(413, multipart.status(), "multipart of " + photo.length + " bytes");
        }
        Http.Response fits = Http.post(fixture.url("/api/search"), "image/jpeg", TestPhotos.bytes(TestPhotos.singlePortrait()));
        assertEquals(200, fits.status(), "an 88 KB photo is under the cap");
    }

    /**
     * Issue 16, item 8: the errors Jetty answers before any route runs (a URI or headers too long, a request it
     * cannot parse) and an oversized vector body are JSON {@code {"error": ...}} with the right status, never HTML.
     */
    @Test
    void everyErrorIsJsonWithTheRightStatus() throws Exception {
        String longQuery = "GET /api/stats?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String longHeader = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n";
        String badRequestLine = "GET /api/stats HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n";
        String noHost = "GET /api/stats HTTP/1.1\r\n\r\n";
        String badEncoding = "GET /api/faces/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        assertJsonError(414, raw(longQuery.getBytes(StandardCharsets.US_ASCII)));
        assertJsonError(431, raw(longHeader.getBytes(StandardCharsets.US_ASCII)));
        assertJsonError(400, raw(badRequestLine.getBytes(StandardCharsets.US_ASCII)));
        assertJsonError(400, raw(noHost.getBytes(StandardCharsets.US_ASCII)));
        assertJsonError(400, raw(badEncoding.getBytes(StandardCharsets.US_ASCII)));

        StringBuilder vector = new StringBuilder("{\"vector\": [");
        while (vector.length() < 2 << 20) vector.append("0.125, ");
        vector.append("0.125]}");
        Http.Response big = Http.post(fixture.url("/api/search/vector"), "application/json",
                vector.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, big.status(), new String(big.body(), StandardCharsets.UTF_8));
        assertTrue(big.json().path("error").asText().contains("larger than"), big.json().toString());
        assertEquals(200, Http.get(fixture.url("/api/stats")).status(), "the server goes on");
    }

    /** One raw HTTP/1.1 exchange; returns the whole response as text. */
    private static String raw(byte[] request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertJsonError(int status, String response) throws Exception {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response.lines().findFirst().orElse(response));
        String headers = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(headers.contains("content-type: application/json"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(!Http.JSON.readTree(body).path("error").asText().isEmpty(), body);
    }

    @Test
    void anUploadBeyondTheConcurrencyBoundIs503() throws Exception {
        byte[] photo = TestPhotos.bytes(TestPhotos.singlePortrait());
        int busy = 0;
        // The slow request must reach the gate before the probe does; if the probe gets there first it takes the
        // permit (200) and the slow request is the one refused. So each try waits longer before probing.
        for (int attempt = 1; attempt <= 20 && busy != 503; attempt++) {
            try (Socket slow = new Socket("127.0.0.1", fixture.server().port())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\nContent-Length: "
                        + photo.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(photo, 0, 1000);  // the rest never comes while we hold the one permit
                out.flush();
                Thread.sleep(100L * attempt);
                busy = Http.post(fixture.url("/api/search"), "image/jpeg", photo).status();
            }
        }
        assertEquals(503, busy, "a second upload while one is in flight");
        int status = 0;
        for (int attempt = 0; attempt < 200 && status != 200; attempt++) {
            status = Http.post(fixture.url("/api/search"), "image/jpeg", photo).status();
            if (status != 200) Thread.sleep(50);  // the abandoned request is still releasing its permit
        }
        assertEquals(200, status, "the permit comes back when the slow client goes away");
    }
}
