package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void searchesItsRandomFileAndLeavesNothingBehind() throws IOException {
        assertEquals(10, ScanWarmUp.run(dir, 1024, 2), "a full top 10 each round");
        assertEquals(10, ScanWarmUp.run(dir, 128, 1));
        assertEquals(0, ScanWarmUp.run(dir, 128, 0), "no round, no result");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file is deleted");
        }
    }

    @Test
    void aDirectoryItCannotWriteIsAnError() {
        assertThrows(IOException.class, () -> ScanWarmUp.run(dir.resolve("missing"), 128, 1));
    }
}
