package org.facesearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void anImportCountingPhotosDoesNotCountThemTwiceAndSaysOnlyWhatHappened() {
        assertEquals("60 faces, 6 without a face", Progress.describe(new StoreCounts(0, 64, 60, 6, 0, 0, 0, 0), "photos"));
        assertEquals("0 faces, 64 already stored", Progress.describe(new StoreCounts(0, 0, 0, 0, 0, 0, 64, 0), "photos"));
    }

    @Test
    void aCrawlCountingProfilesAlsoCountsPhotosAndFailures() {
        assertEquals("180 photos, 150 faces, 2 failed (1 to retry)",
                Progress.describe(new StoreCounts(200, 180, 150, 0, 2, 1, 0, 0), "profiles"));
    }
}
