package org.facesearch.store.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The re-rank's read of stored vectors by id: every vector in its caller's place, across batches and encodings. */
class FaceVectorsTest {
    private static final int DIMENSION = 16;

    @Test
    void readsEachVectorIntoItsPlaceAcrossBatchesAndMarksIdsWithoutARow() {
        SplittableRandom random = new SplittableRandom(11);
        try (Database database = TestDatabase.fresh()) {
            DSLContext db = database.dsl();
            float[][] stored = new float[4][];
            long[] storedIds = new long[4];
            for (int i = 0; i < stored.length; i++) {
                stored[i] = i % 2 == 0 ? StoredFaces.randomRelu(random, DIMENSION) : StoredFaces.randomUnit(random, DIMENSION);
                storedIds[i] = StoredFaces.insert(db, "m", stored[i]);
            }
            // 2,500 ids (three statements of at most 1,000): the stored faces at the start, on both sides of the
            // first batch's end and at the very end, every other id without a row
            long[] ids = new long[2_500];
            Arrays.setAll(ids, i -> storedIds[3] + 10_000 + i);
            int[] places = {0, 999, 1_000, 2_499};
            for (int s = 0; s < places.length; s++) {
                ids[places[s]] = storedIds[s];
            }
            float[] target = new float[ids.length * DIMENSION];
            boolean[] found = FaceVectors.read(db, ids, DIMENSION, target);
            for (int i = 0; i < ids.length; i++) {
                int s = Arrays.binarySearch(places, i);
                if (s >= 0) {
                    assertTrue(found[i], "place " + i);
                    assertArrayEquals(stored[s], Arrays.copyOfRange(target, i * DIMENSION, (i + 1) * DIMENSION), "place " + i);
                } else {
                    assertFalse(found[i], "place " + i);
                }
            }
        }
    }

    @Test
    void aVectorOfAnotherDimensionIsAnErrorThatNamesTheFace() {
        try (Database database = TestDatabase.fresh()) {
            DSLContext db = database.dsl();
            long id = StoredFaces.insert(db, "m", StoredFaces.randomUnit(new SplittableRandom(3), 8));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> FaceVectors.read(db, new long[] {id}, DIMENSION, new float[DIMENSION]));
            assertEquals("face " + id + " has 8 dimensions, expected " + DIMENSION, e.getMessage());
        }
    }
}
