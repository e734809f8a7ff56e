package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.facesearch.testing.ImageBombs;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API over real HTTP: a server on a free loopback port, a real database holding a gallery of real
 * photos analysed by the real pipeline. The gallery: "Person A" (one photo of the man in row 0 of human's
 * face-match grid), twelve other grid faces, Grace Hopper and Eileen Collins. Queries use other photos of them.
 */
class ServerApiTest {
    @TempDir
    static Path home;
    static ServerFixture fixture;
    static List<Long> personA;
    static List<Long> hopper;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(home);
        TestGallery gallery = fixture.gallery();
        personA = gallery.add("Person A", TestPhotos.gridCell(0, 0), "png");
        assertEquals(1, personA.size(), "one face in the grid cell of person A");
        for (int row = 1; row < TestPhotos.GRID_ROWS; row++) {
            for (int column : new int[] {0, 9}) {
                gallery.add("Grid " + row + "-" + column, TestPhotos.gridCell(row, column), "png");
            }
        }
        gallery.add("Grid 0-12", TestPhotos.gridCell(0, 12), "png");
        gallery.add("Grid 0-15", TestPhotos.gridCell(0, 15), "png");
        hopper = gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg");
        gallery.add("Eileen Collins", TestPhotos.bytes(TestPhotos.astronaut()), "png");
        fixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aPhotoOfAStoredPersonFindsTheirStoredPhotoFirst() {
        Http.Response r = Http.postMultipart(fixture.url("/api/search"), "photo", "query.png", "image/png",
                TestPhotos.gridCell(0, 5));
        assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode body = r.json();
        assertEquals(1, body.path("facesFound").asInt());
        JsonNode matches = body.path("faces").get(0).path("matches");
        assertEquals(10, matches.size(), "top defaults to 10");
        JsonNode first = matches.get(0);
        assertEquals("Person A", first.path("name").asText());
        assertEquals(personA.getFirst().longValue(), first.path("faceId").asLong());
        assertEquals(1, first.path("rank").asInt());
        assertEquals("gallery:Person A", first.path("link").asText());
        assertTrue(first.path("photoUrl").asText().startsWith("file:"), first.toString());
        assertEquals("/api/faces/" + personA.getFirst() + "/thumbnail", first.path("thumbnailUrl").asText());
        for (int i = 1; i < matches.size(); i++) {
            assertTrue(matches.get(i - 1).path("similarity").asDouble() >= matches.get(i).path("similarity").asDouble(), "nearest first");
        }
        double sim = first.path("similarity").asDouble(), dist = first.path("distance").asDouble();
        assertEquals(1 - dist * dist / 2, sim, 1e-4, "similarity is the cosine of the unit vectors");
        JsonNode box = body.path("faces").get(0).path("box");
        assertTrue(box.path("width").asDouble() > 20 && box.path("x").asDouble() >= -5, box.toString());
    }

    @Test
    void aRawBodyGroupPhotoAnswersEveryFaceWithItsOwnMatches() {
        Http.Response r = Http.post(fixture.url("/api/search?top=3&nprobe=4"), "image/jpeg",
                TestPhotos.bytes(TestPhotos.groupPhoto()));
        assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode faces = r.json().path("faces");
        assertEquals(3, faces.size(), "three women in sample1");
        for (JsonNode face : faces) {
            assertEquals(3, face.path("matches").size());
            assertTrue(face.path("box").path("x").asDouble() < 1920 && face.path("box").path("y").asDouble() < 1280);
        }
        Http.Response limited = Http.post(fixture.url("/api/search?maxFaces=1"), "image/jpeg",
                TestPhotos.bytes(TestPhotos.groupPhoto()));
        assertEquals(3, limited.json().path("facesFound").asInt());
        assertEquals(1, limited.json().path("faces").size());
        Map<String, Double> timing = serverTiming(r);
        assertEquals(List.of("analyze", "index", "describe"), List.copyOf(timing.keySet()), r.header("Server-Timing"));
        assertTrue(timing.get("analyze") > timing.get("index"), "finding and embedding three faces takes longer than "
                + "searching 127 faces for them: " + r.header("Server-Timing"));
    }

    /** The parts of a Server-Timing header and their milliseconds, in order; each part must be name;dur=MS. */
    static Map<String, Double> serverTiming(Http.Response r) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        for (String part : r.header("Server-Timing").split(", ")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z]+);dur=(\\d+\\.\\d{3})").matcher(part);
            assertTrue(m.matches(), "name;dur=milliseconds: '" + part + "'");
            parts.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return parts;
    }

    @Test
    void aPhotoWithoutAFaceIsAnEmptyAnswerNotAnError() {
        Http.Response r = Http.post(fixture.url("/api/search"), "image/jpeg", TestPhotos.bytes(TestPhotos.noFace()));
        assertEquals(200, r.status());
        assertEquals(0, r.json().path("facesFound").asInt());
        assertEquals(0, r.json().path("faces").size());
    }

    @Test
    void photosOfSeveralMegabytesUnderTheCapAreAccepted() throws Exception {
        BufferedImage noise = new BufferedImage(1200, 1200, BufferedImage.TYPE_INT_RGB);
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) noise.setRGB(x, y, random.nextInt(1 << 24));
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(noise, "png", png);
        assertTrue(png.size() > 3 << 20, "above Javalin's 1 MB default body limit: " + png.size());
        assertEquals(200, Http.post(fixture.url("/api/search"), "image/png", png.toByteArray()).status());
        assertEquals(200, Http.postMultipart(fixture.url("/api/search"), "photo", "noise.png", "image/png", png.toByteArray()).status());
    }

    @Test
    void somethingThatIsNotAnImageIs415WithAJsonMessage() {
        Http.Response text = Http.post(fixture.url("/api/search"), "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, text.status());
        assertTrue(text.json().path("error").asText().contains("not an image"), text.json().toString());
        Http.Response disguised = Http.postMultipart(fixture.url("/api/search"), "photo", "x.jpg", "image/jpeg",
                "<html>not a photo</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, disguised.status());
        byte[] truncated = java.util.Arrays.copyOf(TestPhotos.bytes(TestPhotos.singlePortrait()), 2000);
        Http.Response broken = Http.post(fixture.url("/api/search"), "image/jpeg", truncated);
        assertEquals(415, broken.status(), "a JPEG that does not decode");
        assertTrue(broken.json().path("error").asText().contains("cannot be decoded"), broken.json().toString());
    }

    /**
     * Issue 16: 16 decompression bombs at once (a few hundred bytes declaring 20000 x 20000 pixels, 400 MB each
     * if decoded) are all refused with a JSON 413 from their header; the heap barely moves and the server goes on.
     */
    @Test
    void concurrentDecompressionBombsAre413AndTheHeapStaysBounded() throws Exception {
        byte[][] bombs = {ImageBombs.png(20_000, 20_000), ImageBombs.jpeg(20_000, 20_000)};
        List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                .stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        List<java.util.concurrent.Future<Http.Response>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(16);
            for (int i = 0; i < 16; i++) {
                byte[] bomb = bombs[i % 2];
                String type = i % 2 == 0 ? "image/png" : "image/jpeg";
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return Http.post(fixture.url("/api/search"), type, bomb);
                }));
            }
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        for (var answer : answers) {
            Http.Response r = answer.get();
            assertEquals(413, r.status(), new String(r.body(), StandardCharsets.UTF_8));
            assertTrue(r.json().path("error").asText().contains("too large (20000 x 20000 pixels"), r.json().toString());
        }
        assertTrue(peak - before < 256L << 20, "heap grew by " + ((peak - before) >> 20) + " MB for 16 refused bombs");
        assertEquals(200, Http.post(fixture.url("/api/search"), "image/jpeg", TestPhotos.bytes(TestPhotos.singlePortrait())).status());
    }

    @Test
    void badParametersAre400() {
        byte[] photo = TestPhotos.bytes(TestPhotos.singlePortrait());
        assertEquals(400, Http.post(fixture.url("/api/search?top=0"), "image/jpeg", photo).status());
        assertEquals(400, Http.post(fixture.url("/api/search?top=abc"), "image/jpeg", photo).status());
        assertEquals(400, Http.post(fixture.url("/api/search?maxFaces=1000"), "image/jpeg", photo).status());
        assertEquals(400, Http.post(fixture.url("/api/search"), "image/jpeg", new byte[0]).status());
    }

    @Test
    void vectorSearchFindsTheStoredFaceItself() throws Exception {
        float[] vector = org.facesearch.vector.VectorCodec.decode(fixture.db.dsl()
                .select(org.facesearch.store.schema.Tables.FACE.VECTOR).from(org.facesearch.store.schema.Tables.FACE)
                .where(org.facesearch.store.schema.Tables.FACE.ID.eq(hopper.getFirst())).fetchSingle().value1());
        List<Float> list = new ArrayList<>();
        for (float x : vector) list.add(x * 3);  // the server normalises
        byte[] body = Http.JSON.writeValueAsBytes(java.util.Map.of("vector", list, "top", 5));
        Http.Response r = Http.post(fixture.url("/api/search/vector"), "application/json", body);
        assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode matches = r.json().path("matches");
        assertEquals(5, matches.size());
        assertEquals(hopper.getFirst().longValue(), matches.get(0).path("faceId").asLong());
        assertEquals("Grace Hopper", matches.get(0).path("name").asText());
        assertEquals(1.0, matches.get(0).path("similarity").asDouble(), 1e-4);
        Map<String, Double> timing = serverTiming(r);
        assertEquals(List.of("index", "describe"), List.copyOf(timing.keySet()), r.header("Server-Timing"));
        assertTrue(timing.get("index") > 0, r.header("Server-Timing"));

        byte[] wrongDimension = Http.JSON.writeValueAsBytes(java.util.Map.of("vector", List.of(1, 2, 3)));
        Http.Response bad = Http.post(fixture.url("/api/search/vector"), "application/json", wrongDimension);
        assertEquals(400, bad.status());
        assertTrue(bad.json().path("error").asText().contains("dimensions"), bad.json().toString());
        assertEquals(400, Http.post(fixture.url("/api/search/vector"), "application/json", "{nope".getBytes()).status());
    }

    @Test
    void facesProfilesAndThumbnailsAreServed() throws Exception {
        long id = hopper.getFirst();
        JsonNode face = Http.get(fixture.url("/api/faces/" + id)).json();
        assertEquals("Grace Hopper", face.path("name").asText());
        assertEquals(fixture.keeper().index().current().modelId(), face.path("model").asText());
        long profileId = face.path("profileId").asLong();
        JsonNode profile = Http.get(fixture.url("/api/profiles/" + profileId)).json();
        assertEquals("Grace Hopper", profile.path("name").asText());
        assertEquals(id, profile.path("faces").get(0).path("id").asLong());

        Http.Response thumb = Http.get(fixture.url("/api/faces/" + id + "/thumbnail"));
        assertEquals(200, thumb.status());
        assertEquals("image/jpeg", thumb.contentType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertEquals(Thumbnails.SIZE, image.getWidth());
        assertTrue(java.nio.file.Files.list(home.resolve("thumbnails")).anyMatch(p -> p.getFileName().toString().startsWith(id + "-")),
                "cached on disk");
        assertEquals(thumb.body().length, Http.get(fixture.url("/api/faces/" + id + "/thumbnail")).body().length, "served from the cache");

        Http.Response missing = Http.get(fixture.url("/api/faces/999999"));
        assertEquals(404, missing.status());
        assertTrue(missing.json().path("error").asText().contains("999999"));
        assertEquals(404, Http.get(fixture.url("/api/profiles/999999")).status());
        assertEquals(400, Http.get(fixture.url("/api/faces/abc")).status());
        Http.Response unknown = Http.get(fixture.url("/api/nothing-here"));
        assertEquals(404, unknown.status());
        assertNotNull(unknown.json().path("error").asText(null), "JSON error for unknown routes too");
    }

    @Test
    void statsAndHealthDescribeTheIndex() {
        JsonNode stats = Http.get(fixture.url("/api/stats")).json();
        assertEquals(fixture.keeper().index().current().size(), stats.path("faces").asLong());
        assertEquals(fixture.db.dsl().fetchCount(org.facesearch.store.schema.Tables.FACE), stats.path("faces").asLong(),
                "every stored face is indexed");
        assertEquals(15, stats.path("profiles").asLong());
        assertTrue(stats.path("clusteringId").asLong() > 0, "follows the active clustering");
        assertFalse(stats.path("indexLoadedAt").asText().isEmpty());
        assertEquals(10L << 20, stats.path("maxUploadBytes").asLong());
        JsonNode health = Http.get(fixture.url("/health")).json();
        assertEquals("ok", health.path("status").asText());
    }

    @Test
    void thePageAndItsAssetsComeFromTheServerItself() {
        Http.Response page = Http.get(fixture.url("/"));
        assertEquals(200, page.status());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("/app.js") && html.contains("/app.css"), html);
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external URL in the page");
        assertEquals(200, Http.get(fixture.url("/app.js")).status());
        assertEquals(200, Http.get(fixture.url("/app.css")).status());
    }

    /** Every match carries its verdict; a face's own stored photo is likely the same person, strangers are look-alikes. */
    @Test
    void matchesCarryTheSamePersonVerdictAndTheThreshold() {
        JsonNode face = Http.post(fixture.url("/api/search"), "image/jpeg", TestPhotos.bytes(TestPhotos.singlePortrait()))
                .json().path("faces").get(0);
        assertEquals(0.732, face.path("threshold").asDouble(), 1e-6);
        assertTrue(face.path("samePersonFound").asBoolean());
        JsonNode matches = face.path("matches");
        assertEquals("Grace Hopper", matches.get(0).path("name").asText());
        assertTrue(matches.get(0).path("samePerson").asBoolean(), matches.get(0).toString());
        for (int i = 1; i < matches.size(); i++) assertFalse(matches.get(i).path("samePerson").asBoolean(), matches.get(i).toString());
    }

    @Test
    void comparingTwoPhotosOrAPhotoAndAStoredFaceGivesSimilarityThresholdAndVerdict() {
        byte[] query = TestPhotos.gridCell(0, 8), stranger = TestPhotos.gridCell(3, 0);
        JsonNode same = Http.postMultipartFiles(fixture.url("/api/compare"), java.util.Map.of("a", query, "b", query)).json();
        assertEquals(1.0, same.path("similarity").asDouble(), 1e-4);
        assertTrue(same.path("samePerson").asBoolean());
        assertEquals(0.732, same.path("threshold").asDouble(), 1e-6);
        assertEquals(1, same.path("a").path("facesFound").asInt());
        Http.Response other = Http.postMultipartFiles(fixture.url("/api/compare"), java.util.Map.of("a", query, "b", stranger));
        assertEquals(200, other.status(), new String(other.body(), StandardCharsets.UTF_8));
        assertFalse(other.json().path("samePerson").asBoolean(), other.json().toString());
        Http.Response stored = Http.postMultipartFiles(fixture.url("/api/compare?faceId=" + personA.getFirst()), java.util.Map.of("a", query));
        assertEquals(200, stored.status(), new String(stored.body(), StandardCharsets.UTF_8));
        assertEquals(personA.getFirst().longValue(), stored.json().path("b").path("faceId").asLong());
        double similarity = stored.json().path("similarity").asDouble();
        assertEquals(similarity >= 0.732, stored.json().path("samePerson").asBoolean());
        assertTrue(similarity > other.json().path("similarity").asDouble(), "Person A is closer to his photo than a stranger");
    }

    @Test
    void compareRefusesMissingPhotosFacelessPhotosAndUnknownFaces() {
        assertEquals(400, Http.postMultipartFiles(fixture.url("/api/compare"), java.util.Map.of("b", TestPhotos.gridCell(0, 8))).status());
        assertEquals(400, Http.postMultipartFiles(fixture.url("/api/compare"), java.util.Map.of("a", TestPhotos.gridCell(0, 8))).status());
        Http.Response noFace = Http.postMultipartFiles(fixture.url("/api/compare"),
                java.util.Map.of("a", TestPhotos.bytes(TestPhotos.noFace()), "b", TestPhotos.gridCell(0, 8)));
        assertEquals(422, noFace.status());
        assertTrue(noFace.json().path("error").asText().contains("no face found in photo a"), noFace.json().toString());
        assertEquals(404, Http.postMultipartFiles(fixture.url("/api/compare?faceId=999999"), java.util.Map.of("a", TestPhotos.gridCell(0, 8))).status());
    }

    @Test
    void aFacesWholePhotoIsServed() {
        Http.Response r = Http.get(fixture.url("/api/faces/" + hopper.getFirst() + "/photo"));
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.contentType());
        assertArrayEquals(TestPhotos.bytes(TestPhotos.singlePortrait()), r.body());
        assertEquals("/api/faces/" + hopper.getFirst() + "/photo", Http.get(fixture.url("/api/faces/" + hopper.getFirst())).json().path("photo").asText());
    }
}
