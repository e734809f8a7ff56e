package org.facesearch.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SampleGalleryTest {
    /** Shared with other test runs so the packages are fetched once per machine. */
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "facesearch-test", "sample-gallery");

    @Test
    void laysOutOneFolderPerPersonWithPersonAsQueryHeldOut() throws Exception {
        List<String> messages = new ArrayList<>();
        Path gallery = SampleGallery.ensure(CACHE, messages::add);
        try (var people = Files.list(gallery)) {
            assertEquals(SampleGallery.GRID_ROWS * SampleGallery.GRID_COLUMNS - 9 + 1 + 6, people.count(),
                    "99 other grid faces, Person A, 6 group photos");
        }
        try (var a = Files.list(gallery.resolve(SampleGallery.PERSON_A))) {
            assertEquals(8, a.count(), "Person A's ninth crop is the held-out query");
        }
        var query = ImageIO.read(CACHE.resolve(SampleGallery.QUERY_FILE).toFile());
        assertTrue(query.getWidth() > 80 && query.getHeight() > 80, "a face-sized crop");
        assertTrue(Files.isRegularFile(gallery.resolve("Group photo 6 (face-api demo)").resolve("sample6.jpg")));

        messages.clear();
        assertEquals(gallery, SampleGallery.ensure(CACHE, messages::add));
        assertTrue(messages.isEmpty(), "a second call reuses the gallery without fetching: " + messages);
    }
}
