package org.facesearch.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReclusterPlanTest {
    private final ReclusterOptions options = ReclusterOptions.defaults(47_000, 0.5);

    @Test
    void theSampleIsCappedWhileEveryCentroidKeepsEnoughPoints() {
        assertEquals(65_536, ReclusterPlan.sampleSize(1_000_000, 1_000, options), "k * 128 = 128,000, capped");
        assertEquals(320_000, ReclusterPlan.sampleSize(10_000_000, 10_000, options),
                "the cap would leave 6.5 points a centroid: 32 each instead");
    }

    @Test
    void theSampleIsKTimesThePointsPerCentroidWhenSmall() {
        assertEquals(128 * 40, ReclusterPlan.sampleSize(1_000_000, 40, options));
    }

    @Test
    void theSampleNeverExceedsTheFacesNorFallsBelowK() {
        assertEquals(5_000, ReclusterPlan.sampleSize(5_000, 100, options));
        assertEquals(300, ReclusterPlan.sampleSize(300, 300, options));
    }
}
