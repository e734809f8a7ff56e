package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/blend} over real HTTP: an uploaded face or a stored face blended with a stored match gives a
 * square PNG portrait; a photo without a face, a missing match and a match whose photo is gone get clear errors.
 */
class BlendApiTest {
    @TempDir
    static Path home;
    static ServerFixture fixture;
    static long hopper, collins, gone;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(home);
        TestGallery gallery = fixture.gallery();
        gallery.add("Person A", TestPhotos.gridCell(0, 0), "png");
        hopper = gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg").getFirst();
        collins = gallery.add("Eileen Collins", TestPhotos.bytes(TestPhotos.astronaut()), "png").getFirst();
        gone = gallery.add("Deleted Photo", TestPhotos.gridCell(2, 0), "png").getFirst();
        fixture.start();
        String url = new FaceCatalog(fixture.db.dsl()).face(gone).orElseThrow().photoUrl();
        Files.delete(Path.of(URI.create(url)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void anUploadedFaceBlendsWithAStoredMatch() throws Exception {
        Http.Response r = Http.postMultipart(fixture.url("/api/blend?match=" + hopper), "photo", "me.png", "image/png", TestPhotos.gridCell(0, 5));
        assertEquals(200, r.status(), new String(r.body()));
        assertEquals("image/png", r.contentType());
        assertSquarePortrait(r.body());
    }

    @Test
    void twoStoredFacesBlend() throws Exception {
        Http.Response r = Http.post(fixture.url("/api/blend?faceId=" + collins + "&match=" + hopper), "application/octet-stream", new byte[0]);
        assertEquals(200, r.status(), new String(r.body()));
        assertSquarePortrait(r.body());
        assertTrue(r.header("Server-Timing").matches("blend;dur=\\d+\\.\\d{3}"), r.header("Server-Timing"));
    }

    @Test
    void clearErrors() {
        Http.Response noFace = Http.post(fixture.url("/api/blend?match=" + hopper), "image/jpeg", TestPhotos.bytes(TestPhotos.noFace()));
        assertEquals(422, noFace.status());
        assertTrue(noFace.json().path("error").asText().contains("no face"), noFace.json().toString());

        Http.Response missing = Http.post(fixture.url("/api/blend?faceId=" + collins + "&match=987654"), "application/octet-stream", new byte[0]);
        assertEquals(404, missing.status());
        assertTrue(missing.json().path("error").asText().contains("987654"));

        Http.Response photoGone = Http.post(fixture.url("/api/blend?faceId=" + collins + "&match=" + gone), "application/octet-stream", new byte[0]);
        assertEquals(410, photoGone.status());
        assertTrue(photoGone.json().path("error").asText().contains("no longer available"), photoGone.json().toString());

        Http.Response noMatch = Http.post(fixture.url("/api/blend"), "image/png", TestPhotos.gridCell(0, 5));
        assertEquals(400, noMatch.status());
        assertTrue(noMatch.json().path("error").asText().contains("match"));

        Http.Response tooFar = Http.post(fixture.url("/api/blend?face=2&match=" + hopper), "image/png", TestPhotos.gridCell(0, 5));
        assertEquals(400, tooFar.status());
        assertTrue(tooFar.json().path("error").asText().contains("1 face"), tooFar.json().toString());
    }

    private static void assertSquarePortrait(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(List.of(256, 256), List.of(image.getWidth(), image.getHeight()));
    }
}
