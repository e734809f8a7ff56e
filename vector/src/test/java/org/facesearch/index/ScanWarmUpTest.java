package org.facesearch.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
        assertEquals(0, fileCount(), "the temporary file is deleted");
    }

    @Test
    void itStopsBeforeTheFirstRoundWhoseStopIsTrue() throws IOException {
        assertEquals(0, ScanWarmUp.run(dir, 128, 5, () -> true), "stopped before the set-up");
        AtomicInteger asked = new AtomicInteger();
        AtomicLong filesDuringRounds = new AtomicLong();
        assertEquals(10, ScanWarmUp.run(dir, 128, 5, () -> {
            if (asked.get() > 0) {
                filesDuringRounds.addAndGet(fileCount());  // asked before a round: the file is mapped by then
            }
            return asked.incrementAndGet() > 3;
        }), "two rounds run");
        assertEquals(4, asked.get(), "asked before the set-up and before rounds 1, 2 and 3, then stopped");
        assertEquals(0, filesDuringRounds.get(), "the file's name is gone once it is mapped: an exit mid-way leaves none");
        assertEquals(0, fileCount(), "the temporary file is deleted when stopped too");
    }

    private long fileCount() {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDirectoryItCannotWriteIsAnError() {
        assertThrows(IOException.class, () -> ScanWarmUp.run(dir.resolve("missing"), 128, 1, () -> false));
    }
}
