package org.facesearch.store.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Counts and id pages of one model's faces, of one dimension in either vector encoding. */
class FacesTest {
    @Test
    void idsAfterSelectsTheFacesOfOneDimensionWhetherStoredSparseOrFloat32() {
        SplittableRandom random = new SplittableRandom(5);
        try (Database database = TestDatabase.fresh()) {
            DSLContext db = database.dsl();
            List<Long> wanted = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean relu = i % 2 == 0;
                wanted.add(StoredFaces.insert(db, "m", vector(random, 1024, relu)));
                StoredFaces.insert(db, "m", vector(random, 512, relu));   // same model, another dimension: left out
                StoredFaces.insert(db, "other", vector(random, 1024, relu));   // another model: left out
            }
            long[] all = wanted.stream().mapToLong(Long::longValue).toArray();
            assertArrayEquals(all, Faces.idsAfter(db, "m", 0, 1024, 100));
            assertArrayEquals(new long[] {all[2], all[3]}, Faces.idsAfter(db, "m", all[1], 1024, 2));
            assertEquals(12, Faces.count(db, "m"));
        }
    }

    /** A unit vector; with {@code relu} its negative components are 0, so it is stored sparse. */
    private static float[] vector(SplittableRandom random, int dimension, boolean relu) {
        return relu ? StoredFaces.randomRelu(random, dimension) : StoredFaces.randomUnit(random, dimension);
    }
}
