package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;

/**
 * Reads a sample of a model's face vectors from the database without reading the table: the caller picks row
 * positions (the clusterer draws them uniformly), one pass over the ids in the {@code face(model, id)} index (8 bytes
 * a face, read in keyset pages) turns positions into ids, and only the chosen rows' vectors are fetched.
 *
 * <p>Memory: the positions and ids of the sample plus the sample itself. Faces stored while sampling may shift
 * positions by a few rows; the sample stays uniform for practical purposes (and may come out slightly smaller).
 */
public final class FaceSampler {
    private static final int ID_PAGE = 100_000;
    private static final int FETCH_CHUNK = 1_000;

    private FaceSampler() {
    }

    /**
     * The vectors of the faces of {@code model} at the given positions (ascending, 0-based) of its id order; a
     * position past the end is skipped.
     */
    public static float[][] sample(DSLContext db, String model, long[] positions) {
        List<Long> ids = new ArrayList<>(positions.length);
        long position = 0;
        long last = 0;
        int next = 0;
        while (next < positions.length) {
            List<Long> page = db.select(FACE.ID).from(FACE)
                    .where(FACE.MODEL.eq(model), FACE.ID.gt(last))
                    .orderBy(FACE.ID).limit(ID_PAGE).fetch(FACE.ID);
            if (page.isEmpty()) {
                break;
            }
            while (next < positions.length && positions[next] < position + page.size()) {
                ids.add(page.get((int) (positions[next] - position)));
                next++;
            }
            position += page.size();
            last = page.getLast();
        }
        float[][] sample = new float[ids.size()][];
        int filled = 0;
        for (int from = 0; from < ids.size(); from += FETCH_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + FETCH_CHUNK));
            for (byte[] blob : db.select(FACE.VECTOR).from(FACE).where(FACE.ID.in(chunk)).fetch(FACE.VECTOR)) {
                sample[filled++] = VectorCodec.decode(blob);
            }
        }
        return filled == sample.length ? sample : Arrays.copyOf(sample, filled);
    }
}
