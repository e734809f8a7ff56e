package org.facesearch.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaceLikeGeneratorTest {
    private static final int DIMENSION = 128;
    private static final FaceLikeGenerator GENERATOR =
            FaceLikeGenerator.calibrated(FaceStatistics.fallback(DIMENSION, 1), 42, 0.41, 0.79);

    @Test
    void reproducesTargetCosinesOnFreshIdentities() {
        // the generator's seed differs from the calibration's: these are identities calibration never saw
        FaceLikeGenerator.Similarity s = GENERATOR.measure(2_000);
        assertEquals(0.41, s.strangerMean(), 0.03, s.toString());
        assertEquals(0.79, s.samePersonMean(), 0.03, s.toString());
        assertTrue(s.stranger95() < s.samePerson5() + 0.2, s.toString());
        assertTrue(s.zeroShare() > 0.1 && s.zeroShare() < 0.6, s.toString());
    }

    @Test
    void vectorsAreNonNegativeUnitLengthAndDeterministic() {
        SyntheticFaces faces = new SyntheticFaces(GENERATOR, 500);
        float[] all = new float[500 * DIMENSION];
        faces.fill(0, 500, all);
        for (int f = 0; f < 500; f++) {
            double norm = 0;
            for (int d = 0; d < DIMENSION; d++) {
                float x = all[f * DIMENSION + d];
                assertTrue(x >= 0f);
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-4);
        }
        // any range regenerates exactly, with the same generator or a new one of the same seed
        float[] part = new float[77 * DIMENSION];
        new SyntheticFaces(FaceLikeGenerator.calibrated(FaceStatistics.fallback(DIMENSION, 1), 42, 0.41, 0.79), 500)
                .fill(101, 77, part);
        assertArrayEquals(Arrays.copyOfRange(all, 101 * DIMENSION, 178 * DIMENSION), part);
    }

    @Test
    void identitiesHaveOneToTwentyConsecutiveFaces() {
        SyntheticFaces faces = new SyntheticFaces(GENERATOR, 10_000);
        long total = 0;
        for (int i = 0; i < faces.identities(); i++) {
            int n = faces.facesOf(i);
            assertTrue(n >= 1 && n <= 20);
            assertEquals(i, faces.identityOf(faces.firstFaceOf(i)));
            assertEquals(i, faces.identityOf(faces.firstFaceOf(i) + n - 1));
            total += n;
        }
        assertEquals(10_000, total);
        double mean = 10_000.0 / faces.identities();
        assertTrue(mean > 9 && mean < 12, "mean faces per identity " + mean);
    }

    @Test
    void queriesAreNewPhotosOfStoredIdentities() {
        SyntheticFaces faces = new SyntheticFaces(GENERATOR, 2_000);
        int[] identities = new int[20];
        float[] queries = faces.queries(20, 7, identities);
        float[] stored = new float[2_000 * DIMENSION];
        faces.fill(0, 2_000, stored);
        for (int q = 0; q < 20; q++) {
            int identity = identities[q];
            assertTrue(identity >= 0 && identity < faces.identities());
            for (long f = faces.firstFaceOf(identity); f < faces.firstFaceOf(identity) + faces.facesOf(identity); f++) {
                float[] storedFace = Arrays.copyOfRange(stored, (int) f * DIMENSION, (int) (f + 1) * DIMENSION);
                float[] query = Arrays.copyOfRange(queries, q * DIMENSION, (q + 1) * DIMENSION);
                assertTrue(!Arrays.equals(storedFace, query), "query " + q + " repeats stored face " + f);
            }
        }
    }
}
