package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import java.util.List;
import org.jooq.DSLContext;

/**
 * A face's id and its vector as stored (a little-endian float32 BLOB, see {@code VectorCodec}), for readers that
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
}
