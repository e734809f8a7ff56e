package org.facesearch.bench.faces;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class IdentityMetricsTest {

    @Test
    void aucCountsOrderedPairsAndHalvesTies() {
        assertEquals(1.0, IdentityMetrics.auc(new double[]{0.1, 0.2, 0.9, 0.8}, new boolean[]{false, false, true, true}, 2));
        assertEquals(0.0, IdentityMetrics.auc(new double[]{0.9, 0.2}, new boolean[]{false, true}, 1));
        assertEquals(0.5, IdentityMetrics.auc(new double[]{0.5, 0.5}, new boolean[]{true, false}, 1));
        // positives 0.6, 0.3 against negatives 0.4, 0.1: 3 of 4 pairs ordered
        assertEquals(0.75, IdentityMetrics.auc(new double[]{0.6, 0.4, 0.3, 0.1}, new boolean[]{true, false, true, false}, 2));
    }

    @Test
    void nearestFaceRateOnlyCountsPeopleWithTwoFaces() {
        float[] a1 = {1, 0}, a2 = {0.9f, 0.436f}, b = {0, 1}, c = {0.8f, 0.6f};
        // a1's nearest is a2 (same), a2's nearest is c (a stranger): 1 of 2; b and c have no second face
        IdentityMetrics m = IdentityMetrics.of(List.of(a1, a2, b, c), List.of("a", "a", "b", "c"));
        assertEquals(0.5, m.nearestIsSame());
        assertEquals(1, m.samePairs());
        assertEquals(5, m.differentPairs());
    }
}
