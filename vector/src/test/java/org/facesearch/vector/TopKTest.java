package org.facesearch.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void keepsTheKSmallestSortedLikeAFullSort() {
        SplittableRandom random = new SplittableRandom(7);
        List<Neighbor> all = new ArrayList<>();
        TopK top = new TopK(10);
        for (long id = 0; id < 5_000; id++) {
            // few distinct distances: many ties
            Neighbor n = new Neighbor(id, random.nextInt(50) / 7f);
            all.add(n);
            top.offer(n.id(), n.distance());
        }
        all.sort(Comparator.comparing(Neighbor::distance).thenComparing(Neighbor::id));
        assertEquals(all.subList(0, 10), top.sorted());
        long[] ids = top.ids();
        Arrays.sort(ids);
        assertEquals(all.subList(0, 10).stream().map(Neighbor::id).sorted().toList(),
                Arrays.stream(ids).boxed().toList());
    }

    @Test
    void tiesRankSmallerIdFirstWhateverTheOfferOrder() {
        List<Long> ids = new ArrayList<>(List.of(9L, 3L, 7L, 1L, 5L, 8L));
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(ids, new java.util.Random(round));
            TopK top = new TopK(3);
            ids.forEach(id -> top.offer(id, 1f));
            assertEquals(List.of(new Neighbor(1, 1f), new Neighbor(3, 1f), new Neighbor(5, 1f)), top.sorted());
        }
    }

    @Test
    void thresholdIsInfiniteUntilFullThenTheWorstKept() {
        TopK top = new TopK(2);
        assertEquals(Float.POSITIVE_INFINITY, top.threshold());
        top.offer(1, 5f);
        top.offer(2, 3f);
        assertEquals(5f, top.threshold());
        assertFalse(top.offer(3, 6f));
        top.offer(4, 1f);
        assertEquals(3f, top.threshold());
    }

    @Test
    void mergeEqualsOfferingEverything() {
        TopK a = new TopK(3);
        TopK b = new TopK(3);
        a.offer(1, 0.5f);
        a.offer(2, 0.1f);
        b.offer(3, 0.3f);
        b.offer(4, 0.05f);
        a.offerAll(b);
        assertEquals(List.of(new Neighbor(4, 0.05f), new Neighbor(2, 0.1f), new Neighbor(3, 0.3f)), a.sorted());
    }

    @Test
    void refusesNaN() {
        assertThrows(IllegalArgumentException.class, () -> new TopK(1).offer(1, Float.NaN));
    }
}
