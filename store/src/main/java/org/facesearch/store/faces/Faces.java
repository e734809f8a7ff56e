package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import org.jooq.DSLContext;

/** Counts over the {@code face} table. */
public final class Faces {
    private Faces() {
    }

    /** How many faces of embedder {@code model} are stored (one indexed count over {@code face(model, id)}). */
    public static long count(DSLContext db, String model) {
        return db.fetchCount(FACE, FACE.MODEL.eq(model));
    }
}
