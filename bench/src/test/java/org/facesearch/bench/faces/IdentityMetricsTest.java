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

    @Test
    void thresholdAllowsAtMostOneFalseMatchInAThousandAndEerIsWhereTheRatesMeet() {
        // 2,000 different pairs at 0.000..0.1999 (step 0.0001) with two strangers at 0.70 and 0.72; 4 same pairs
        int n = 2004;
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < 2000; i++) score[i] = i / 10000.0;
        score[0] = 0.70;
        score[1] = 0.72;
        double[] same = {0.65, 0.75, 0.80, 0.90};
        for (int i = 0; i < 4; i++) { score[2000 + i] = same[i]; positive[2000 + i] = true; }
        IdentityMetrics.Roc roc = IdentityMetrics.Roc.of(score, positive);
        // 0.1% of 2,000 = 2 false matches allowed: the threshold is the third-highest stranger (0.1999) rounded up
        assertEquals(0.2, roc.threshold(), 1e-12);
        assertEquals(2, roc.falseMatches());
        assertEquals(0.0, roc.falseNonMatchRate());
        // at 0.65 the rates are closest: 2 of 2,000 false matches (0.001), no same pair missed
        assertEquals(0.65, roc.eerThreshold());
        assertEquals(0.0005, roc.eer(), 1e-12);
    }
}
