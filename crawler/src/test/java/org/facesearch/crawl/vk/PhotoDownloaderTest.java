package org.facesearch.crawl.vk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PhotoDownloaderTest {
    private final FakeVkServer fake = FakeVkServer.start();
    private final PhotoDownloader downloader = new PhotoDownloader(4, Duration.ofSeconds(2), Duration.ofMillis(500), 100_000,
            new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(80)));

    @AfterEach
    void stop() {
        downloader.close();
        fake.close();
    }

    @Test
    void downloadsAPhotoWithItsSha256() throws Exception {
        PhotoResult result = downloader.download(fake.photoUrl("u5.jpg"));

        PhotoResult.Downloaded ok = assertInstanceOf(PhotoResult.Downloaded.class, result);
        assertArrayEquals(FakePhotos.jpeg(5), ok.bytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(FakePhotos.jpeg(5))), ok.sha256());
        assertEquals(ImageFormat.JPEG, ok.format());
    }

    @Test
    void placeholdersAreSkippedWithoutARequest() throws Exception {
        for (String url : List.of(fake.placeholderUrl(), "https://vk.com/images/camera_200.png?ava=1",
                "https://vk.ru/images/deactivated_400.png")) {
            assertInstanceOf(PhotoResult.Skipped.class, downloader.download(url), url);
        }
        assertEquals(List.of(), fake.photoRequests());
    }

    @Test
    void bodiesAboveTheCapFail() throws Exception {
        byte[] big = Arrays.copyOf(FakePhotos.jpeg(1), 250_000);
        fake.photo("big.jpg", big);

        PhotoResult.Failed failed = assertInstanceOf(PhotoResult.Failed.class, downloader.download(fake.photoUrl("big.jpg")));
        assertTrue(failed.reason().contains("cap of 100000 bytes"), failed.reason());
    }

    @Test
    void aStalledServerTimesOut() throws Exception {
        fake.photo("slow.jpg", FakePhotos.jpeg(2)).delayPhoto("slow.jpg", Duration.ofSeconds(5));

        PhotoResult.Failed failed = assertInstanceOf(PhotoResult.Failed.class, downloader.download(fake.photoUrl("slow.jpg")));
        assertTrue(failed.reason().contains("timed out"), failed.reason());
    }

    @Test
    void garbageAndMissingPhotosAreFailedResults() throws Exception {
        List<PhotoResult> results = downloader.downloadAll(List.of(fake.photoUrl(FakeVkServer.BROKEN_PHOTO),
                fake.photoUrl("missing.jpg"), fake.photoUrl("u3.jpg"), "not a url"));

        assertTrue(assertInstanceOf(PhotoResult.Failed.class, results.get(0)).reason().startsWith("not a readable image"));
        assertEquals("HTTP 404", assertInstanceOf(PhotoResult.Failed.class, results.get(1)).reason());
        assertInstanceOf(PhotoResult.Downloaded.class, results.get(2));
        assertInstanceOf(PhotoResult.Failed.class, results.get(3));
    }

    /** Issue 16, item 2: a 500, a truncated body and a reset are retried; a photo that then arrives is downloaded. */
    @Test
    void transientFaultsAreRetriedWithBackoff() throws Exception {
        fake.photo("flaky.jpg", FakePhotos.jpeg(7))
                .failPhoto("flaky.jpg", 1, FakeVkServer.PhotoFault.SERVER_ERROR)
                .failPhoto("flaky.jpg", 1, FakeVkServer.PhotoFault.TRUNCATED);
        fake.photo("reset.jpg", FakePhotos.jpeg(8)).failPhoto("reset.jpg", 2, FakeVkServer.PhotoFault.RESET);

        PhotoResult.Downloaded flaky = assertInstanceOf(PhotoResult.Downloaded.class, downloader.download(fake.photoUrl("flaky.jpg")));
        assertArrayEquals(FakePhotos.jpeg(7), flaky.bytes(), "the whole photo, not the truncated half");
        assertInstanceOf(PhotoResult.Downloaded.class, downloader.download(fake.photoUrl("reset.jpg")));
        assertEquals(3, fake.photoRequests().stream().filter(p -> p.endsWith("/flaky.jpg")).count());
    }

    /** Issue 16, item 2: retries are bounded, and the result says whether a later run may succeed. */
    @Test
    void persistentFaultsFailRetryableAndPermanentOnesAreNotRetried() throws Exception {
        fake.photo("down.jpg", FakePhotos.jpeg(9)).failPhoto("down.jpg", 10, FakeVkServer.PhotoFault.SERVER_ERROR);

        PhotoResult.Failed down = assertInstanceOf(PhotoResult.Failed.class, downloader.download(fake.photoUrl("down.jpg")));
        assertTrue(down.retryable(), down.reason());
        assertEquals(3, fake.photoRequests().stream().filter(p -> p.endsWith("/down.jpg")).count(), "3 attempts, no more");

        PhotoResult.Failed missing = assertInstanceOf(PhotoResult.Failed.class, downloader.download(fake.photoUrl("missing.jpg")));
        assertFalse(missing.retryable());
        PhotoResult.Failed garbage = assertInstanceOf(PhotoResult.Failed.class, downloader.download(fake.photoUrl(FakeVkServer.BROKEN_PHOTO)));
        assertFalse(garbage.retryable());
        assertEquals(1, fake.photoRequests().stream().filter(p -> p.endsWith("/missing.jpg")).count(), "a 404 is asked once");
    }

    @Test
    void concurrencyIsBounded() throws Exception {
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fake.photo("p" + i + ".jpg", FakePhotos.jpeg(i)).delayPhoto("p" + i + ".jpg", Duration.ofMillis(100));
            urls.add(fake.photoUrl("p" + i + ".jpg"));
        }

        List<PhotoResult> results = downloader.downloadAll(urls);

        assertTrue(results.stream().allMatch(r -> r instanceof PhotoResult.Downloaded));
        assertTrue(fake.maxPhotosInFlight() <= 4, "in flight: " + fake.maxPhotosInFlight());
        assertTrue(fake.maxPhotosInFlight() >= 2, "downloads overlap: " + fake.maxPhotosInFlight());
    }
}
