package org.facesearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SearchParamsTest {
    @Test
    void autoScansATenthOfTheListsButAtLeast256() {
        SearchParams auto = new SearchParams(10, SearchParams.AUTO);
        assertEquals(40, auto.nprobeFor(40), "fewer lists than the floor: all of them");
        assertEquals(256, auto.nprobeFor(1_024), "1M faces");
        assertEquals(1_001, auto.nprobeFor(10_001), "10M faces: a tenth, rounded up");
        assertEquals(5_000, auto.nprobeFor(50_000));
    }

    @Test
    void aGivenNprobeIsKept() {
        assertEquals(24, new SearchParams(10, 24).nprobeFor(10_001));
        assertEquals(500, new SearchParams(10, 500).nprobeFor(40), "the probe itself stops at the lists there are");
    }

    @Test
    void theConfiguredSpellingsParse() {
        assertEquals(SearchParams.AUTO, SearchParams.parseNprobe(" auto "));
        assertEquals(384, SearchParams.parseNprobe("384"));
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirName() {
        assertEquals("nprobe must be between 0 (auto) and 65536, got -1",
                assertThrows(IllegalArgumentException.class, () -> new SearchParams(10, -1)).getMessage());
        assertEquals("top must be between 1 and 100, got 0",
                assertThrows(IllegalArgumentException.class, () -> new SearchParams(0, 5)).getMessage());
    }
}
