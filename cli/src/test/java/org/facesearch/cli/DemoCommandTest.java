package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.facesearch.samples.SampleGallery;
import org.facesearch.testing.TestPhotos;

/**
 * The demo's whole path in-process against the embedded database: gallery from the local cache, import,
 * recluster into several clusters, server up, and one search through HTTP with the held-out photo of Person A,
 * who must come first. Then a second run reuses everything.
 */
class DemoCommandTest {
    private static final Path GALLERY_CACHE = Path.of(System.getProperty("user.home"), ".cache", "facesearch-test", "sample-gallery");
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path home;

    @Test
    void importsClustersServesAndFindsTheHeldOutPersonFirst() throws Exception {
        // the demo's caches, as a first run leaves them: the sample gallery and the face models
        SampleGallery.ensure(GALLERY_CACHE, m -> { });
        Files.createDirectories(home.resolve("demo"));
        copyTree(GALLERY_CACHE, home.resolve("demo"));
        Files.createSymbolicLink(home.resolve("models"), TestPhotos.modelsDir());

        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread demo = new Thread(() -> {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));
            exit.set(Main.execute(cli, "demo", "--port", "0", "--home", home.toString()));
        }, "demo");
        demo.start();
        int port = awaitPort(out, demo);
        try {
            JsonNode result = search(port, Files.readAllBytes(home.resolve("demo").resolve(SampleGallery.QUERY_FILE)));
            JsonNode largest = null;
            for (JsonNode face : result.path("faces")) {
                if (largest == null || area(face) > area(largest)) largest = face;
            }
            assertTrue(largest != null, "a face was found in the query: " + result);
            assertEquals(SampleGallery.PERSON_A, largest.path("matches").path(0).path("name").asText(), result.toPrettyString());
        } finally {
            demo.interrupt();   // as Ctrl-C: the server stops, the embedded database closes
            demo.join(60_000);
        }
        assertEquals(0, exit.get(), "the demo ends cleanly when stopped:\n" + out);
        assertTrue(out.toString().contains("try uploading " + home.resolve("demo").resolve(SampleGallery.QUERY_FILE)), out.toString());

        CliRunner.Outcome clusters = CliRunner.run("clusters", "--home", home.toString());
        assertEquals(0, clusters.code(), clusters.err());
        Matcher k = Pattern.compile("k (\\d+);").matcher(clusters.out());
        assertTrue(k.find() && Integer.parseInt(k.group(1)) > 1, "the demo made several clusters:\n" + clusters.out());

        CliRunner.Outcome again = CliRunner.run("demo", "--no-serve", "--home", home.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("duplicates skipped"), "a second run imports nothing twice:\n" + again.out());
    }

    private static double area(JsonNode face) {
        return face.path("box").path("width").asDouble() * face.path("box").path("height").asDouble();
    }

    private static int awaitPort(StringWriter out, Thread demo) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && demo.isAlive()) {
            Matcher m = SERVING.matcher(out.toString());
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not start serving:\n" + out);
    }

    private static JsonNode search(int port, byte[] photo) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
