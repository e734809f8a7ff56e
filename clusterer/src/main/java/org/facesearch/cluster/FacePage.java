package org.facesearch.cluster;

import static org.facesearch.db.schema.Tables.FACE;
import static org.facesearch.db.schema.Tables.FACE_CLUSTER;

import org.facesearch.vector.VectorCodec;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * One batch of a model's faces in ascending id order: ids, the stored BLOBs (written again as the vector copy of
 * {@code face_cluster} without re-encoding) and the vectors decoded into one contiguous {@code float[]}.
 *
 * <p>Pages are read by keyset ({@code model = ? AND id > last ORDER BY id LIMIT n}), a range of the
 * {@code face(model, id)} index: no filesort, no cursor held open between pages, and memory bounded by the page
 * size whatever the table size. A page size of 2,048 at 1024 dimensions holds about 17 MB (BLOBs + floats).
 */
record FacePage(long[] ids, byte[][] blobs, float[] vectors, int dimension) {

    int count() {
        return ids.length;
    }

    long lastId() {
        return ids[ids.length - 1];
    }

    /** The next {@code limit} faces of {@code model} with id above {@code afterId}; empty at the end. */
    static FacePage after(DSLContext db, String model, long afterId, int limit) {
        return read(db, FACE.MODEL.eq(model).and(FACE.ID.gt(afterId)), limit);
    }

    /** Like {@link #after}, but only faces that have no row in clustering version {@code clusteringId}. */
    static FacePage unassigned(DSLContext db, String model, long clusteringId, long afterId, int limit) {
        return read(db, FACE.MODEL.eq(model).and(FACE.ID.gt(afterId)).andNotExists(
                DSL.selectOne().from(FACE_CLUSTER)
                        .where(FACE_CLUSTER.CLUSTERING_ID.eq(clusteringId), FACE_CLUSTER.FACE_ID.eq(FACE.ID))), limit);
    }

    private static FacePage read(DSLContext db, Condition condition, int limit) {
        Result<Record2<Long, byte[]>> rows = db.select(FACE.ID, FACE.VECTOR).from(FACE)
                .where(condition).orderBy(FACE.ID).limit(limit).fetch();
        int n = rows.size();
        long[] ids = new long[n];
        byte[][] blobs = new byte[n][];
        int dimension = n == 0 ? 0 : VectorCodec.dimensionOf(rows.get(0).value2());
        float[] vectors = new float[n * dimension];
        for (int i = 0; i < n; i++) {
            ids[i] = rows.get(i).value1();
            blobs[i] = rows.get(i).value2();
            if (VectorCodec.dimensionOf(blobs[i]) != dimension) {
                throw new IllegalStateException("face " + ids[i] + " has " + VectorCodec.dimensionOf(blobs[i])
                        + " dimensions, face " + ids[0] + " of the same model " + dimension);
            }
            VectorCodec.decode(blobs[i], vectors, i * dimension);
        }
        return new FacePage(ids, blobs, vectors, dimension);
    }
}
