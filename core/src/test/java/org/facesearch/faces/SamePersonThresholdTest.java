package org.facesearch.faces;

import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The calibrated same-person threshold on the face-match grid: the demo's query (Person A, cell 0,8) is
 * called the same person as his other photos and no one else; each of his photos has him as its nearest face.
 */
class SamePersonThresholdTest {

    private static FacePipeline faceres;
    private static final List<float[]> personA = new ArrayList<>(), strangers = new ArrayList<>();

    @BeforeAll
    static void embedGrid() throws Exception {
        faceres = FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.FACERES);
        for (int col = 0; col < TestPhotos.GRID_COLUMNS; col++) {
            if (TestPhotos.gridPersonA(0, col)) personA.add(largest(TestPhotos.gridCell(0, col)));
        }
        for (int row = 2; row < TestPhotos.GRID_ROWS; row++) {
            for (int col = 0; col < TestPhotos.GRID_COLUMNS; col++) {
                float[] v = largest(TestPhotos.gridCell(row, col));
                if (v != null) strangers.add(v);
            }
        }
    }

    @AfterAll
    static void close() {
        faceres.close();
    }

    @Test
    void demoQueryIsLikelyPersonAAndNoStranger() {
        float[] query = personA.get(8);   // cell 0,8: the demo's query-person-a.png
        double best = 0;
        for (int i = 0; i < 8; i++) best = Math.max(best, dot(query, personA.get(i)));
        assertTrue(EmbedderModel.FACERES.samePerson(best), "best Person A match " + best);
        for (float[] s : strangers) assertFalse(EmbedderModel.FACERES.samePerson(dot(query, s)), "a stranger at " + dot(query, s));
    }

    @Test
    void everyPhotoOfPersonAHasHimAsNearestFace() {
        for (int i = 0; i < personA.size(); i++) {
            double same = 0, other = 0;
            for (int j = 0; j < personA.size(); j++) if (j != i) same = Math.max(same, dot(personA.get(i), personA.get(j)));
            for (float[] s : strangers) other = Math.max(other, dot(personA.get(i), s));
            assertTrue(same > other, "photo " + i + ": nearest Person A " + same + ", nearest stranger " + other);
        }
    }

    @Test
    void thresholdsArePerModel() {
        assertEquals(0.732f, EmbedderModel.FACERES.samePersonThreshold());
        assertTrue(EmbedderModel.MOBILEFACE.samePersonThreshold() < EmbedderModel.FACERES.samePersonThreshold(), "mobileface's cosines run lower");
        assertTrue(EmbedderModel.FACERES.samePerson(0.732) && !EmbedderModel.FACERES.samePerson(0.731));
    }

    @Test
    void verdictOnTwoVectorsJudgesTheirCosine() {
        SamePersonVerdict same = SamePersonVerdict.of(EmbedderModel.FACERES, personA.get(8), personA.get(0));
        assertEquals(dot(personA.get(8), personA.get(0)), same.similarity(), 1e-6);
        assertEquals(0.732f, same.threshold());
        assertEquals(EmbedderModel.FACERES.samePerson(same.similarity()), same.samePerson());
        SamePersonVerdict stranger = SamePersonVerdict.of(EmbedderModel.FACERES, personA.get(8), strangers.getFirst());
        assertFalse(stranger.samePerson());
        assertEquals("look-alike", stranger.label());
        assertThrows(IllegalArgumentException.class, () -> SamePersonVerdict.of(EmbedderModel.MOBILEFACE, personA.get(0), personA.get(1)));
    }

    private static float[] largest(byte[] photo) throws Exception {
        List<DetectedFace> faces = faceres.analyze(photo);
        return faces.stream().max(java.util.Comparator.comparingDouble(f -> f.box().width() * f.box().height())).map(DetectedFace::vector).orElse(null);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
