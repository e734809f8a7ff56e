package org.facesearch.server;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 5: the thumbnail route reads only the stored URLs it should. A photo server on 127.0.0.1 (allowed
 * by the fixture's configuration) serves the portrait, a redirect to it, a redirect to another host name and a
 * "secret" path; each case rewrites the stored URL (and source) of one face and asks for its thumbnail.
 */
class ThumbnailSourcesTest {
    @TempDir
    static Path home;
    @TempDir
    static Path elsewhere;
    static ServerFixture fixture;
    static long face;
    static HttpServer photos;
    static final AtomicInteger secretHits = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        fixture = new ServerFixture(home);
        face = fixture.gallery().add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg").getFirst();
        fixture.start();
        byte[] portrait = TestPhotos.bytes(TestPhotos.singlePortrait());
        photos = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        photos.createContext("/photo.jpg", x -> {
            x.sendResponseHeaders(200, portrait.length);
            x.getResponseBody().write(portrait);
            x.close();
        });
        photos.createContext("/secret", x -> {
            secretHits.incrementAndGet();
            x.sendResponseHeaders(200, portrait.length);
            x.getResponseBody().write(portrait);
            x.close();
        });
        photos.createContext("/same-host", x -> redirect(x, "/photo.jpg"));
        photos.createContext("/other-host", x -> redirect(x, "http://localhost:" + photos.getAddress().getPort() + "/secret"));
        photos.start();
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().set("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    @AfterAll
    static void stop() {
        photos.stop(0);
        fixture.close();
    }

    /** Rewrites the face's stored photo URL and its profile's source, then asks for the thumbnail. */
    static int thumbnail(String source, String url) {
        var db = fixture.db.dsl();
        long photo = db.select(FACE.PHOTO_ID).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.PHOTO_ID);
        long profile = db.select(FACE.PROFILE_ID).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.PROFILE_ID);
        db.update(PHOTO).set(PHOTO.URL, url).where(PHOTO.ID.eq(photo)).execute();
        db.update(PROFILE).set(PROFILE.SOURCE, source).where(PROFILE.ID.eq(profile)).execute();
        return Http.get(fixture.url("/api/faces/" + face + "/thumbnail")).status();
    }

    String photoServer(String path) {
        return "http://127.0.0.1:" + photos.getAddress().getPort() + path;
    }

    @Test
    void galleryFilesAreReadOnlyForGalleryRowsUnderTheirImportFolder() throws IOException {
        Path inside;
        try (var files = Files.list(home.resolve("gallery"))) {
            inside = files.filter(p -> p.toString().endsWith(".jpg")).findFirst().orElseThrow();
        }
        Path outside = Files.copy(inside, elsewhere.resolve("copy.jpg"));
        assertEquals(502, thumbnail("vk", inside.toUri().toString()), "a file: URL on a VK row");
        assertEquals(502, Http.get(fixture.url("/api/faces/" + face + "/photo")).status(), "the whole photo: the same rule");
        assertEquals(502, thumbnail("gallery", outside.toUri().toString()), "a gallery row pointing outside its folder");
        Path link = Files.createSymbolicLink(home.resolve("gallery").resolve("link.jpg"), outside);
        assertEquals(502, thumbnail("gallery", link.toUri().toString()), "a symbolic link out of the folder");
        assertEquals(200, thumbnail("gallery", inside.toUri().toString()));
    }

    @Test
    void downloadsGoOnlyToAllowedHostsAndRedirectsAreCheckedHopByHop() {
        assertEquals(200, thumbnail("vk", photoServer("/photo.jpg")));
        assertEquals(200, thumbnail("vk", photoServer("/same-host")), "a redirect within the allowed host");
        assertEquals(502, thumbnail("vk", photoServer("/other-host")), "a redirect to a host not allowed");
        assertEquals(0, secretHits.get(), "the redirect's target was never requested");
        assertEquals(502, thumbnail("vk", "http://localhost:" + photos.getAddress().getPort() + "/secret"));
        assertEquals(0, secretHits.get());
        assertEquals(502, thumbnail("vk", "gopher://127.0.0.1/x"));
    }

    @Test
    void privateAndLoopbackAddressesAreRefusedUnlessConfigured() throws IOException {
        PhotoSources strict = new PhotoSources(List.of("127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254"), false);
        for (String url : List.of("http://127.0.0.1:3306/", "http://localhost/x", "http://10.1.2.3/x", "http://169.254.169.254/latest")) {
            IOException e = assertThrows(IOException.class, () -> strict.check(URI.create(url)), url);
            assertTrue(e.getMessage().contains("private address"), e.getMessage());
        }
        IOException host = assertThrows(IOException.class, () -> strict.check(URI.create("https://evil.example/x.jpg")));
        assertTrue(host.getMessage().contains("not in http.photo-hosts"), host.getMessage());
        PhotoSources vk = PhotoSources.parse("userapi.com, vk.com", false);
        assertThrows(IOException.class, () -> vk.check(URI.create("https://userapi.com.evil.example/x.jpg")), "suffix trick");
        assertThrows(IOException.class, () -> vk.check(URI.create("file:///etc/passwd")));
        new PhotoSources(List.of("127.0.0.1"), true).check(URI.create("http://127.0.0.1:1/x"));  // configured allowance
    }
}
