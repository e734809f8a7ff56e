package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServerTimingTest {
    private static final Pattern PARTS = Pattern.compile("index;dur=(\\d+\\.\\d{3}), describe;dur=(\\d+\\.\\d{3})");

    @Test
    void partsKeepTheOrderTheyFirstRanInAndRepeatedPartsAddUp() throws Exception {
        ServerTiming timing = new ServerTiming();
        assertEquals("", timing.header(), "nothing timed yet");
        assertEquals("a", timing.time(ServerTiming.INDEX, () -> sleep(20, "a")));
        timing.time(ServerTiming.DESCRIBE, () -> sleep(1, null));
        timing.time(ServerTiming.INDEX, () -> sleep(20, null));

        Matcher m = PARTS.matcher(timing.header());
        assertTrue(m.matches(), timing.header());
        assertTrue(Double.parseDouble(m.group(1)) >= 40, "both index parts count: " + timing.header());
        assertTrue(Double.parseDouble(m.group(2)) >= 1 && Double.parseDouble(m.group(2)) < 40, timing.header());
    }

    @Test
    void aPartThatFailsStillCounts() {
        ServerTiming timing = new ServerTiming();
        assertThrows(IllegalStateException.class, () -> timing.time(ServerTiming.ANALYZE, () -> {
            throw new IllegalStateException("not an image");
        }));
        assertTrue(timing.header().matches("analyze;dur=\\d+\\.\\d{3}"), timing.header());
    }

    private static String sleep(long millis, String result) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }
}
