package org.facesearch.crawl;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.crawl.vk.FakeVkServer;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.VkTestClients;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.facesearch.crawl.vk.NoUsableTokenException;
import org.facesearch.store.crawl.CrawlState;

/**
 * The crawl loop end to end: fake VK on 127.0.0.1, real database, real downloads, the real face pipeline and
 * clusterer behind the storage path. (kill -9 of the crawl command: {@code org.facesearch.cli.CrawlKillTest}.)
 *
 * <p>The fake's users 1..15: 1-8 active with a face photo each, 9 deleted, 10 private, 11 without a photo,
 * 12 with a photo that is not an image, 13 unknown to VK, 14 with a photo without a face, 15 with a photo the
 * downloader accepts but the pipeline cannot decode.
 */
class CrawlerTest {
    static final String TOKEN_A = VkTestClients.token("a");
    static final String TOKEN_B = VkTestClients.token("b");

    CrawlHarness h;

    @BeforeEach
    void setUp() {
        h = new CrawlHarness();
        for (int id = 1; id <= 8; id++) {
            h.vk.photo("face" + id + ".jpg", TestImages.face(id)).user(User.active(id, "face" + id + ".jpg"));
        }
        h.vk.user(User.active(9, "face9.jpg").withDeactivated("deleted"));
        h.vk.photo("face10.jpg", TestImages.face(10)).user(User.active(10, "face10.jpg").withClosed());
        h.vk.user(User.active(11, null));
        h.vk.user(User.active(12, FakeVkServer.BROKEN_PHOTO));
        h.vk.photo("landscape.jpg", TestImages.noFace()).user(User.active(14, "landscape.jpg"));
        h.vk.photo("corrupt.webp", TestImages.corruptWebp()).user(User.active(15, "corrupt.webp"));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    static Map<String, String> expectedProfiles() {
        Map<String, String> m = new HashMap<>();
        for (int id = 1; id <= 8; id++) {
            m.put(Integer.toString(id), "ok");
        }
        m.put("9", "deactivated");
        m.put("10", "closed");
        m.put("11", "no_photo");
        m.put("12", "ok");
        m.put("14", "ok");
        m.put("15", "ok");
        return m;
    }

    void assertEverythingStoredOnce() {
        assertEquals(expectedProfiles(), h.profiles());
        Map<String, Integer> faces = new HashMap<>();
        for (int id = 1; id <= 8; id++) {
            faces.put(Integer.toString(id), 1);
        }
        faces.put("10", 1);  // closed, but its main photo is public
        assertEquals(faces, h.facesPerProfile());
        Map<String, String> photos = h.photos();
        for (int id = 1; id <= 8; id++) {
            assertEquals("ok", photos.get(Integer.toString(id)));
        }
        assertEquals("failed", photos.get("12"));
        assertEquals("no_face", photos.get("14"));
        assertEquals("failed", photos.get("15"));
        assertEquals("ok", photos.get("10"));
        assertEquals(12, photos.size(), "photos of profiles 9 and 11 are not fetched: " + photos);
        List<String> hashes = h.dsl().select(PHOTO.CONTENT_SHA256).from(PHOTO).where(PHOTO.CONTENT_SHA256.isNotNull())
                .fetch(r -> java.util.HexFormat.of().formatHex(r.value1()));
        assertEquals(hashes.size(), new java.util.HashSet<>(hashes).size(), "a photo stored twice: " + hashes);
        Map<Long, Integer> clusterRows = h.clusterRowsPerFace();
        assertEquals(9, clusterRows.size());
        assertTrue(clusterRows.values().stream().allMatch(n -> n == 1), "each face in exactly one cluster: " + clusterRows);
    }

    @Test
    void aRangeStoresExactlyTheExpectedProfilesPhotosAndFaces() throws Exception {
        CrawlResult r = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);

        assertEverythingStoredOnce();
        assertEquals(14, r.stored().profiles());
        assertEquals(9, r.stored().faces());
        assertEquals(2, r.stored().failed());
        assertEquals(1, r.stored().noFace());
        assertEquals(2, r.unavailable());
        assertEquals(new CrawlState.Cursor("16", true), h.cursor("users:1-15"));
        String reason = h.dsl().select(PHOTO.FAILURE_REASON).from(PHOTO).join(PROFILE).on(PHOTO.PROFILE_ID.eq(PROFILE.ID))
                .where(PROFILE.EXTERNAL_ID.eq("12")).fetchOne(PHOTO.FAILURE_REASON);
        assertTrue(reason.contains("not a readable image"), reason);
        assertEquals(Map.of("9", "https://vk.com/id9"), Map.of("9", h.dsl().select(PROFILE.PROFILE_URL).from(PROFILE)
                .where(PROFILE.EXTERNAL_ID.eq("9")).fetchOne(PROFILE.PROFILE_URL)));
        // vectors are stored as little-endian float32 BLOBs with the model id
        var face = h.dsl().selectFrom(FACE).limit(1).fetchOne();
        assertEquals(CrawlHarness.ANALYZER.model(), face.getModel());
        float[] v = org.facesearch.vector.VectorCodec.decode(face.getVector());
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void aBatchThatPushesAClusterPastItsCapTriggersARecluster() throws Exception {
        h.crawlRange(List.of(TOKEN_A), h.clusters(5), 1, 4, 4);
        assertEquals(List.of(4), h.activeClusterSizes(), "4 faces in the initial single cluster, within the cap of 5");

        h.crawlRange(List.of(TOKEN_A), h.clusters(5), 5, 8, 4);

        // 8 faces > cap 5: reclustered into ceil(8 / 5) = 2 clusters; the photos show two people, 4 photos each
        assertEquals(List.of(4, 4), h.activeClusterSizes().stream().sorted().toList());
        Map<Long, Integer> clusterRows = h.clusterRowsPerFace();
        assertEquals(8, clusterRows.size());
        assertTrue(clusterRows.values().stream().allMatch(n -> n == 1), "each face in one cluster of the active clustering");
    }

    @Test
    void aFinishedSourceIsNotCrawledAgainAndAnOverlappingOneStoresNothingTwice() throws Exception {
        h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);
        int apiCalls = h.vk.calls().size();

        CrawlResult again = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);
        assertTrue(again.alreadyDone());
        assertEquals(apiCalls, h.vk.calls().size(), "a finished source asks VK nothing");

        CrawlResult overlap = h.crawlRange(List.of(TOKEN_A), h.clusters(), 5, 15, 100);
        assertFalse(overlap.alreadyDone());
        assertEquals(0, overlap.stored().faces());
        assertEquals(7, overlap.stored().duplicates(), "photos of 5-8, 10, 14 and 15 were stored before");
        assertEquals(2, h.crawlStates());
        // the photo that failed to download has no hash: a new crawl of it records the new attempt
        assertEquals(Map.of("12", "failed,failed"), Map.of("12", h.photos().get("12")));
        h.dsl().deleteFrom(PHOTO).where(PHOTO.CONTENT_SHA256.isNull()).and(PHOTO.ID.notIn(
                h.dsl().select(DSL.min(PHOTO.ID)).from(PHOTO).where(PHOTO.CONTENT_SHA256.isNull()))).execute();
        assertEverythingStoredOnce();
    }

    /**
     * Issue 16, item 2: a photo the CDN fails for every attempt of a run is stored as {@code retry}, counted apart
     * from permanent failures, and the next run (even of a finished source) stores it; a truncated body is retried
     * within the run; a photo that is not an image is not asked for again.
     */
    @Test
    void transientDownloadFailuresAreRetriedByTheNextRunAndPermanentOnesAreNot() throws Exception {
        h.vk.failPhoto("face3.jpg", CrawlHarness.FAST_RETRIES.maxAttempts(), FakeVkServer.PhotoFault.SERVER_ERROR);
        h.vk.failPhoto("face4.jpg", 1, FakeVkServer.PhotoFault.TRUNCATED);

        CrawlResult first = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);

        assertEquals(3, first.stored().failed(), "12 (not an image), 15 (does not decode) and 3 (server errors)");
        assertEquals(1, first.stored().retryLater());
        assertEquals("retry", h.photos().get("3"));
        assertEquals("ok", h.photos().get("4"), "the truncated body was downloaded again");
        long brokenRequests = h.vk.photoRequests().stream().filter(p -> p.endsWith(FakeVkServer.BROKEN_PHOTO)).count();

        CrawlResult second = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);

        assertTrue(second.alreadyDone());
        assertEquals(1, second.retried().photos());
        assertEquals(1, second.retried().faces());
        assertEquals(0, second.retried().retryLater());
        assertEquals(brokenRequests, h.vk.photoRequests().stream().filter(p -> p.endsWith(FakeVkServer.BROKEN_PHOTO)).count(),
                "a permanent failure is not retried");
        assertEverythingStoredOnce();
        CrawlResult third = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);
        assertEquals(0, third.retried().photos(), "nothing left to retry");
    }

    /** Issue 16, item 7: with {@code vk.skip-closed-profiles} a closed profile is stored without its photo. */
    @Test
    void closedProfilesAreSkippedOnlyWhenConfigured() throws Exception {
        h.skipClosedProfiles = true;
        CrawlResult r = h.crawlRange(List.of(TOKEN_A), h.clusters(), 9, 11, 4);
        assertEquals(3, r.unavailable());
        assertEquals(Map.of("9", "deactivated", "10", "closed", "11", "no_photo"), h.profiles());
        assertEquals(Map.of(), h.photos());
    }

    /**
     * Issue 16, item 7: a second account whose photo has the same bytes as a stored one gets that photo's faces (the
     * same photo row), so a search for the face finds both accounts; a rerun links nothing twice.
     */
    @Test
    void aSecondAccountWithTheSamePhotoIsLinkedToItsFaces() throws Exception {
        h.vk.photo("copy.jpg", TestImages.face(3)).user(User.active(16, "copy.jpg"));  // the same bytes as user 3's
        h.vk.photo("copy2.jpg", TestImages.face(3)).user(User.active(17, "copy2.jpg"));  // and again, in the same batch

        CrawlResult r = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 17, 20);

        assertEquals(Map.of("3", 1, "16", 1, "17", 1), Map.of("3", h.facesPerProfile().get("3"),
                "16", h.facesPerProfile().get("16"), "17", h.facesPerProfile().get("17")));
        assertEquals(2, r.stored().duplicates());
        List<Long> photoIds = h.dsl().selectDistinct(FACE.PHOTO_ID).from(FACE).join(PROFILE).on(FACE.PROFILE_ID.eq(PROFILE.ID))
                .where(PROFILE.EXTERNAL_ID.in("3", "16", "17")).fetch(FACE.PHOTO_ID);
        assertEquals(1, photoIds.size(), "one photo row, three accounts: " + photoIds);
        assertEquals(9 + 2, h.clusterRowsPerFace().size(), "each linked face is searchable (in a cluster)");

        h.crawlRange(List.of(TOKEN_A), h.clusters(), 16, 17, 20);
        assertEquals(1, h.facesPerProfile().get("16"), "a rerun links nothing twice");
    }

    @Test
    void tooManyRequestsIsRetriedAndTheCrawlCompletes() throws Exception {
        h.vk.failNext("users.get", 3, 6);

        h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);

        assertEverythingStoredOnce();
        assertEquals(4 + 3, h.vk.calls().stream().filter(c -> c.method().equals("users.get")).count(),
                "4 batches plus 3 retried requests");
    }

    @Test
    void aRejectedTokenIsDroppedAndTheOthersCarryOn() throws Exception {
        h.vk.failToken(TOKEN_B, 5);

        h.crawlRange(List.of(TOKEN_B, TOKEN_A), h.clusters(), 1, 15, 4);

        assertEverythingStoredOnce();
        Map<String, List<FakeVkServer.Call>> byToken = h.vk.callsByToken();
        assertEquals(1, byToken.get(TOKEN_B).size(), "the rejected token is used once, then dropped");
        assertEquals(4, byToken.get(TOKEN_A).size());
    }

    @Test
    void whenEveryTokenIsRejectedTheCrawlStopsWithTheCursorWhereItWas() {
        h.vk.failToken(TOKEN_A, 5);
        h.vk.failToken(TOKEN_B, 5);

        NoUsableTokenException e = assertThrows(NoUsableTokenException.class,
                () -> h.crawlRange(List.of(TOKEN_A, TOKEN_B), h.clusters(), 1, 15, 4));
        assertFalse(e.getMessage().contains(TOKEN_A) || e.getMessage().contains(TOKEN_B), e.getMessage());
        assertEquals(0, h.count(PROFILE));
        assertEquals(0, h.crawlStates());
    }

    @Test
    void aCrawlThatCrashesInsideABatchResumesAndStoresEachFaceOnce() throws Exception {
        // batches of 4: faces 1-4 in batch 1; the 6th face assignment is in batch 2 (ids 5-8), after faces 5 were written
        assertThrows(CrashingClusterHook.Crash.class,
                () -> h.crawlRange(List.of(TOKEN_A), new CrashingClusterHook(h.clusters(), 6), 1, 15, 4));
        assertEquals(new CrawlState.Cursor("5", false), h.cursor("users:1-15"), "the cursor stays before the failed batch");
        assertEquals(4, h.count(FACE), "batch 1 committed, batch 2 rolled back");
        assertEquals(4, h.count(PROFILE));

        CrawlResult resumed = h.crawlRange(List.of(TOKEN_A), h.clusters(), 1, 15, 4);

        assertEquals(10, resumed.stored().profiles(), "the resumed run starts at the failed batch");
        assertEverythingStoredOnce();
        assertEquals(new CrawlState.Cursor("16", true), h.cursor("users:1-15"));
    }

    @Test
    void aGroupAndAListOfScreenNamesAreCrawled() throws Exception {
        h.vk.group(77, "testclub", List.of(1L, 2L, 9L, 14L));
        h.vk.user(User.active(3, "face3.jpg").withScreenName("three"));

        CrawlResult group = h.crawl(List.of(TOKEN_A), h.clusters(), 4, c -> new GroupSource(c, "testclub"));
        assertEquals(4, group.stored().profiles());
        assertEquals(new CrawlState.Cursor("4", true), h.cursor("group:testclub"));

        java.nio.file.Path list = java.nio.file.Files.createTempFile("ids", ".txt");
        java.nio.file.Files.writeString(list, "# people\n1\nthree\n\nnobody_here\n");
        CrawlResult listed = h.crawl(List.of(TOKEN_A), h.clusters(), 4, c -> {
            try {
                return new UserListSource(c, list, 4);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(2, listed.stored().profiles(), "nobody_here is unknown to VK");
        assertEquals(1, listed.stored().duplicates(), "user 1's photo came with the group");
        assertEquals(Map.of("1", 1, "2", 1, "3", 1), h.facesPerProfile());
        assertEquals("deactivated", h.profiles().get("9"));
    }
}
