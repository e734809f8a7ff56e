package org.facesearch.search;

import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.testing.StoredFaces;
import org.jooq.DSLContext;

/** Stores random unit faces the way the storage path does (face row, then its cluster), for the search tests. */
final class AssignedFaces {
    private AssignedFaces() {
    }

    /** Stores {@code count} faces of {@code model} in one transaction, appending their vectors and ids. */
    static void store(DSLContext db, String model, int count, int dimension, SplittableRandom random,
            List<float[]> vectors, List<Long> ids) {
        ClusterAssignment assignment = new ClusterAssignment(1_000_000);
        db.transaction(c -> {
            for (int i = 0; i < count; i++) {
                float[] v = StoredFaces.randomUnit(random, dimension);
                vectors.add(v);
                ids.add(StoredFaces.insert(c.dsl(), model, v));
                assignment.assignNewFace(c.dsl(), model, ids.getLast(), v);
            }
        });
    }
}
