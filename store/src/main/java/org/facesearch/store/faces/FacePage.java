package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;

import java.util.List;
import org.facesearch.vector.VectorCodec;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One batch of a model's faces in ascending id order: ids and vectors decoded into one contiguous {@code float[]}.
 *
 * <p>Pages are read by keyset ({@code model = ? AND id > last ORDER BY id LIMIT n}): no filesort, no cursor held
 * open between pages, and memory bounded by the page size whatever the table size (a page of 2,048 1024-d faces
 * holds 8 MB of floats plus the BLOBs of the result while decoding).
 */
public record FacePage(long[] ids, float[] vectors, int dimension) {

    public int count() {
        return ids.length;
    }

    public long lastId() {
        return ids[ids.length - 1];
    }

    /** The next {@code limit} faces of {@code model} with id above {@code afterId}; empty at the end. */
    public static FacePage after(DSLContext db, String model, long afterId, int limit) {
        return decode(StoredVector.after(db, model, afterId, limit));
    }

    /**
     * Like {@link #after}, but only faces that have no row in clustering version {@code clusteringId}. The ids are
     * found first on indexes alone ({@code face(model, id)} and the unique {@code face_cluster(clustering_id,
     * face_id)}), so checking a million faces reads no vector; only the missing faces' rows are then fetched.
     */
    public static FacePage unassigned(DSLContext db, String model, long clusteringId, long afterId, int limit) {
        Condition missing = DSL.notExists(DSL.selectOne().from(FACE_CLUSTER)
                .where(FACE_CLUSTER.CLUSTERING_ID.eq(clusteringId), FACE_CLUSTER.FACE_ID.eq(FACE.ID)));
        List<Long> ids = db.select(FACE.ID).from(FACE)
                .where(FACE.MODEL.eq(model), FACE.ID.gt(afterId), missing)
                .orderBy(FACE.ID).limit(limit).fetch(FACE.ID);
        if (ids.isEmpty()) {
            return new FacePage(new long[0], new float[0], 0);
        }
        return decode(db.select(FACE.ID, FACE.VECTOR).from(FACE).where(FACE.ID.in(ids)).orderBy(FACE.ID)
                .fetch(r -> new StoredVector(r.value1(), r.value2())));
    }

    private static FacePage decode(List<StoredVector> rows) {
        int n = rows.size();
        long[] ids = new long[n];
        int dimension = n == 0 ? 0 : VectorCodec.dimensionOf(rows.get(0).vector());
        float[] vectors = new float[n * dimension];
        for (int i = 0; i < n; i++) {
            ids[i] = rows.get(i).id();
            byte[] blob = rows.get(i).vector();
            if (VectorCodec.dimensionOf(blob) != dimension) {
                throw new IllegalStateException("face " + ids[i] + " has " + VectorCodec.dimensionOf(blob)
                        + " dimensions, face " + ids[0] + " of the same model " + dimension);
            }
            VectorCodec.decode(blob, vectors, i * dimension);
        }
        return new FacePage(ids, vectors, dimension);
    }
}
