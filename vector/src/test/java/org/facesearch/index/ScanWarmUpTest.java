package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void searchesItsRandomFileAndLeavesNothingBehind() throws IOException {
        assertEquals(10, ScanWarmUp.run(dir, 1024, 2, () -> false), "a full top 10 each round");
        assertEquals(10, ScanWarmUp.run(dir, 128, 1, () -> false));
        assertEquals(0, ScanWarmUp.run(dir, 128, 0, () -> false), "no round, no result");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file is deleted");
        }
    }

    @Test
    void itStopsBeforeTheFirstRoundWhoseStopIsTrue() throws IOException {
        assertEquals(0, ScanWarmUp.run(dir, 128, 5, () -> true), "stopped before the set-up");
        AtomicInteger asked = new AtomicInteger();
        assertEquals(10, ScanWarmUp.run(dir, 128, 5, () -> asked.incrementAndGet() > 3), "two rounds run");
        assertEquals(4, asked.get(), "asked before the set-up and before rounds 1, 2 and 3, then stopped");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file is deleted when stopped too");
        }
    }

    @Test
    void aDirectoryItCannotWriteIsAnError() {
        assertThrows(IOException.class, () -> ScanWarmUp.run(dir.resolve("missing"), 128, 1, () -> false));
    }
}
