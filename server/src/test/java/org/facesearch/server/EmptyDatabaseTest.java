package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started on a database without faces answers searches with the faces found and no matches, and
 * picks up faces stored later without a restart once its index refreshes.
 */
class EmptyDatabaseTest {
    @TempDir
    Path home;

    @Test
    void anEmptyDatabaseAnswersAndThenFollowsNewFaces() {
        try (ServerFixture fixture = new ServerFixture(home).start()) {
            byte[] query = TestPhotos.bytes(TestPhotos.singlePortrait());
            JsonNode empty = Http.post(fixture.url("/api/search"), "image/jpeg", query).json();
            assertEquals(1, empty.path("facesFound").asInt());
            assertEquals(0, empty.path("faces").get(0).path("matches").size());
            JsonNode stats = Http.get(fixture.url("/api/stats")).json();
            assertEquals(0, stats.path("faces").asLong());
            assertEquals(0, stats.path("clusteringId").asLong(), "no clustering yet");

            long id = fixture.gallery().add("Grace Hopper", query, "jpg").getFirst();
            fixture.keeper().refresh();
            JsonNode found = Http.post(fixture.url("/api/search"), "image/jpeg", query).json();
            JsonNode match = found.path("faces").get(0).path("matches").get(0);
            assertEquals(id, match.path("faceId").asLong());
            assertEquals(1.0, match.path("similarity").asDouble(), 1e-3, "the same photo");
            JsonNode after = Http.get(fixture.url("/api/stats")).json();
            assertEquals(1, after.path("faces").asLong());
            assertEquals(id, after.path("lastFaceId").asLong());
            assertEquals(after.path("clusteringId").asLong() > 0, true, "the first face created the initial clustering");
        }
    }
}
