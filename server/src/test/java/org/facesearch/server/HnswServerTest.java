package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.facesearch.search.IndexKind;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on the graph index ({@code index.kind=hnsw}): loaded from the same database, it finds Person A's
 * stored photo first, and a face stored after start is picked up by a refresh and found.
 */
class HnswServerTest {
    @TempDir
    Path home;

    @Test
    void theGraphIndexServesAndStaysFresh() {
        try (ServerFixture fixture = new ServerFixture(home, new IndexKind.Choice(IndexKind.HNSW, 50))) {
            TestGallery gallery = fixture.gallery();
            long personA = gallery.add("Person A", TestPhotos.gridCell(0, 0), "png").getFirst();
            for (int row = 2; row < TestPhotos.GRID_ROWS; row++) gallery.add("Grid " + row, TestPhotos.gridCell(row, 0), "png");
            fixture.start();
            assertEquals(personA, firstMatch(fixture, TestPhotos.gridCell(0, 5)));
            JsonNode stats = Http.get(fixture.url("/api/stats")).json();
            assertEquals(0, stats.path("clusters").asInt(), "a graph has no clusters");

            List<Long> hopper = gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg");
            fixture.keeper().refresh();
            assertEquals(hopper.getFirst(), firstMatch(fixture, TestPhotos.bytes(TestPhotos.singlePortrait())));
            assertEquals(stats.path("faces").asLong() + 1, Http.get(fixture.url("/api/stats")).json().path("faces").asLong());
        }
    }

    private static long firstMatch(ServerFixture fixture, byte[] photo) {
        Http.Response r = Http.post(fixture.url("/api/search"), "application/octet-stream", photo);
        assertEquals(200, r.status(), new String(r.body()));
        return r.json().path("faces").get(0).path("matches").get(0).path("faceId").asLong();
    }
}
