package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.facesearch.store.keys.ApiKeys;
import org.facesearch.store.privacy.DoNotCollect;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.store.privacy.ProfileLookup;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgetting over HTTP and the API keys: admin routes refuse a missing, wrong or revoked key (401) and a search key
 * (403); a forget removes the person from the database, the thumbnail cache and the server's answers; a forget
 * done outside the server (the CLI) leaves its answers at the next index refresh; with {@code http.require-key}
 * the search routes need a key too, and the page itself stays reachable.
 */
class PrivacyApiTest {
    @TempDir
    Path home;

    @Test
    void adminRoutesNeedAnAdminKeyAndAForgetLeavesNoTrace() throws IOException {
        try (ServerFixture fixture = new ServerFixture(home)) {
            TestGallery gallery = fixture.gallery();
            long personA = gallery.add("Person A", TestPhotos.gridCell(0, 0), "png").getFirst();
            long gridB = gallery.add("Grid 1-0", TestPhotos.gridCell(1, 0), "png").getFirst();
            gallery.add("Grid 2-0", TestPhotos.gridCell(2, 0), "png");
            gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg");
            fixture.start();
            String admin = ApiKeys.create(fixture.db.dsl(), ApiKeys.Role.ADMIN, "test").key();
            String search = ApiKeys.create(fixture.db.dsl(), ApiKeys.Role.SEARCH, "test").key();
            ApiKeys.Created revoked = ApiKeys.create(fixture.db.dsl(), ApiKeys.Role.ADMIN, "old");
            assertTrue(ApiKeys.revoke(fixture.db.dsl(), revoked.id()));
            long profileA = profileOf(fixture, personA);
            String profileUrl = fixture.url("/api/profiles/" + profileA);

            assertEquals(200, Http.get(fixture.url("/api/faces/" + personA + "/thumbnail")).status());
            assertEquals(1, thumbnailsOf(personA).size(), "the thumbnail is cached");
            assertError(401, delete(profileUrl, null));
            assertError(401, delete(profileUrl, "fsk_not-a-key"));
            assertError(401, delete(profileUrl, revoked.key()));
            assertError(403, delete(profileUrl, search));
            assertEquals(200, Http.get(profileUrl).status(), "refused deletes removed nothing");
            assertTrue(matchIds(fixture).contains(personA));

            Http.Response deleted = delete(profileUrl, admin);
            assertEquals(200, deleted.status(), new String(deleted.body(), StandardCharsets.UTF_8));
            assertEquals("gallery:Person A", deleted.json().path("profiles").get(0).asText());
            assertEquals(1, deleted.json().path("faces").asInt());
            assertEquals(404, Http.get(profileUrl).status());
            assertEquals(404, Http.get(fixture.url("/api/faces/" + personA + "/thumbnail")).status());
            assertEquals(List.of(), thumbnailsOf(personA), "the cached thumbnail is deleted");
            assertFalse(matchIds(fixture).contains(personA), "the server no longer returns the face");
            assertTrue(DoNotCollect.listed(fixture.db.dsl(), "gallery", List.of("Person A")).contains("Person A"));

            // a forget by another process (the CLI): the server drops the face at its next refresh
            assertTrue(matchIds(fixture).contains(gridB));
            ProfileEraser.erase(fixture.db.dsl(), List.of(profileOf(fixture, gridB)));
            fixture.keeper().refresh();
            assertFalse(matchIds(fixture).contains(gridB));

            // by photo: review (nothing removed), then confirm
            byte[] hopperPhoto = TestPhotos.bytes(TestPhotos.singlePortrait());
            assertError(403, postPhoto(fixture.url("/api/forget"), hopperPhoto, search));
            Http.Response review = postPhoto(fixture.url("/api/forget"), hopperPhoto, admin);
            assertEquals(200, review.status(), new String(review.body(), StandardCharsets.UTF_8));
            JsonNode candidates = review.json().path("profiles");
            assertEquals(1, candidates.size(), candidates.toString());
            assertEquals("Grace Hopper", candidates.get(0).path("name").asText());
            assertTrue(candidates.get(0).path("samePerson").asBoolean(), "another photo of her: the same person");
            long hopperProfile = candidates.get(0).path("id").asLong();
            assertTrue(ProfileLookup.byId(fixture.db.dsl(), hopperProfile).isPresent(), "a review removes nothing");
            Path searchCache = Files.writeString(Files.createDirectories(home.resolve("cache")).resolve("codes-faceres.bin"),
                    "a CLI's search cache, holding her codes");
            Http.Response confirmed = Http.send(withKey(fixture.url("/api/forget/confirm"), admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profileIds\": [" + hopperProfile + "]}")).build());
            assertEquals(200, confirmed.status(), new String(confirmed.body(), StandardCharsets.UTF_8));
            assertTrue(ProfileLookup.byId(fixture.db.dsl(), hopperProfile).isEmpty());
            assertFalse(Files.exists(searchCache), "a forget deletes the CLI's search cache");
        }
    }

    @Test
    void withRequireKeyTheSearchRoutesNeedAKeyButThePageStaysOpen() {
        try (ServerFixture fixture = new ServerFixture(home)) {
            fixture.start(ServerFixture.requiringKeys());
            String search = ApiKeys.create(fixture.db.dsl(), ApiKeys.Role.SEARCH, "test").key();
            assertError(401, Http.get(fixture.url("/api/stats")));
            assertError(401, Http.send(withKey(fixture.url("/api/stats"), "fsk_wrong").GET().build()));
            assertEquals(200, Http.send(withKey(fixture.url("/api/stats"), search).GET().build()).status());
            assertEquals(200, Http.get(fixture.url("/")).status(), "the page");
            assertEquals(200, Http.get(fixture.url("/health")).status());
        }
    }

    private static void assertError(int status, Http.Response r) {
        assertEquals(status, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        assertFalse(r.json().path("error").asText().isEmpty(), "a JSON error");
    }

    private static HttpRequest.Builder withKey(String url, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        return key == null ? b : b.header(ApiAccess.HEADER, key);
    }

    private static Http.Response delete(String url, String key) {
        return Http.send(withKey(url, key).DELETE().build());
    }

    private static Http.Response postPhoto(String url, byte[] photo, String key) {
        return Http.send(withKey(url, key).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build());
    }

    /** The face ids the server answers for another photo of the grid's first row and one of its second. */
    private static List<Long> matchIds(ServerFixture fixture) {
        List<Long> ids = new ArrayList<>();
        for (byte[] photo : List.of(TestPhotos.gridCell(0, 5), TestPhotos.gridCell(1, 5))) {
            Http.Response r = Http.post(fixture.url("/api/search"), "image/png", photo);
            assertEquals(200, r.status());
            r.json().path("faces").get(0).path("matches").forEach(m -> ids.add(m.path("faceId").asLong()));
        }
        return ids;
    }

    private static long profileOf(ServerFixture fixture, long faceId) {
        return new org.facesearch.store.faces.FaceCatalog(fixture.db.dsl()).face(faceId).orElseThrow().profileId();
    }

    private List<Path> thumbnailsOf(long faceId) throws IOException {
        Path dir = home.resolve("thumbnails");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(faceId + "-")).toList();
        }
    }
}
