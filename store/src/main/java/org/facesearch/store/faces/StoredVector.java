package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A face's id and its vector as stored (a BLOB, float32 or sparse, see {@code VectorCodec}), for readers that
 * decide themselves what to do with a vector of an unexpected dimension (the in-memory index skips it).
 */
public record StoredVector(long id, byte[] vector) {

    /**
     * Up to {@code limit} faces of {@code model} with an id above {@code afterId}, in id order: a keyset page (one
     * short query on the {@code (model, id)} index, no cursor held open between pages).
     */
    public static List<StoredVector> after(DSLContext db, String model, long afterId, int limit) {
        return db.select(FACE.ID, FACE.VECTOR).from(FACE)
                .where(FACE.MODEL.eq(model), FACE.ID.gt(afterId))
                .orderBy(FACE.ID).limit(limit)
                .fetch(r -> new StoredVector(r.value1(), r.value2()));
    }

    /**
     * Up to {@code limit} faces of {@code model} with an id above {@code afterId} that have no row in clustering
     * {@code clusteringId} (stored by a bulk import that a recluster has not reached yet), in id order.
     */
    public static List<StoredVector> unclustered(DSLContext db, String model, long clusteringId, long afterId, int limit) {
        return db.select(FACE.ID, FACE.VECTOR).from(FACE)
                .where(FACE.MODEL.eq(model), FACE.ID.gt(afterId), DSL.notExists(DSL.selectOne().from(FACE_CLUSTER)
                        .where(FACE_CLUSTER.CLUSTERING_ID.eq(clusteringId), FACE_CLUSTER.FACE_ID.eq(FACE.ID))))
                .orderBy(FACE.ID).limit(limit)
                .fetch(r -> new StoredVector(r.value1(), r.value2()));
    }
}
