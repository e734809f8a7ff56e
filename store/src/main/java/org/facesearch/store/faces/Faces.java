package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Counts and ids over the {@code face} table. */
public final class Faces {
    private Faces() {
    }

    /** How many faces of embedder {@code model} are stored (one indexed count over {@code face(model, id)}). */
    public static long count(DSLContext db, String model) {
        return db.fetchCount(FACE, FACE.MODEL.eq(model));
    }

    /** The largest face id of {@code model} (0 when it has none): one look at the end of {@code face(model, id)}. */
    public static long lastId(DSLContext db, String model) {
        Long max = db.select(DSL.max(FACE.ID)).from(FACE).where(FACE.MODEL.eq(model)).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    /**
     * Up to {@code limit} ids of {@code model}'s faces above {@code afterId} whose vectors have {@code dimension}
     * components, in id order (a range of {@code face(model, id)}).
     */
    public static long[] idsAfter(DSLContext db, String model, long afterId, int dimension, int limit) {
        return db.select(FACE.ID).from(FACE)
                .where(FACE.MODEL.eq(model), FACE.ID.gt(afterId), DSL.field("octet_length({0})", Integer.class, FACE.VECTOR).eq(dimension * Float.BYTES))
                .orderBy(FACE.ID).limit(limit)
                .fetch(FACE.ID).stream().mapToLong(Long::longValue).toArray();
    }
}
