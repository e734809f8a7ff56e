package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The float32 vectors of given faces, read from {@code face} by primary key in one batched query per
 * {@value #BATCH} ids: what a search reads for the exact re-rank of its best candidates, a few hundred vectors
 * instead of every face of the probed clusters.
 */
public final class FaceVectors {
    private static final int BATCH = 1_000;

    private FaceVectors() {
    }

    /**
     * Writes the vector of face {@code ids[i]} to {@code target[i * dimension ..]} for every {@code i} that has a row
     * and returns which had one (a face forgotten since its id was read has none).
     *
     * @throws IllegalStateException if a face has another dimension
     */
    public static boolean[] read(DSLContext db, long[] ids, int dimension, float[] target) {
        Map<Long, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            indexOf.put(ids[i], i);
        }
        boolean[] found = new boolean[ids.length];
        for (int first = 0; first < ids.length; first += BATCH) {
            List<Long> batch = Arrays.stream(ids, first, Math.min(ids.length, first + BATCH)).boxed().toList();
            for (Record2<Long, byte[]> row : db.select(FACE.ID, FACE.VECTOR).from(FACE).where(FACE.ID.in(batch)).fetch()) {
                byte[] vector = row.value2();
                if (VectorCodec.dimensionOf(vector) != dimension) {
                    throw new IllegalStateException("face " + row.value1() + " has " + VectorCodec.dimensionOf(vector)
                            + " dimensions, expected " + dimension);
                }
                int i = indexOf.get(row.value1());
                VectorCodec.decode(vector, target, i * dimension);
                found[i] = true;
            }
        }
        return found;
    }
}
