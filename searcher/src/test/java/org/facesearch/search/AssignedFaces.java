package org.facesearch.search;

import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterProgress;
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

    /** As {@link #store}, then a recluster at a cap of 300 faces; returns its k. */
    static int storeAndRecluster(DSLContext db, String model, int count, int dimension, SplittableRandom random,
            List<float[]> vectors, List<Long> ids) {
        store(db, model, count, dimension, random, vectors, ids);
        return new Recluster(db, ReclusterOptions.defaults(300, 0.5), ReclusterProgress.NONE).recluster(model).sizes().k();
    }
}
