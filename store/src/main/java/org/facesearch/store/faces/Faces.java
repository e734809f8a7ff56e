package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Counts over the {@code face} table. */
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
}
