package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;

import org.facesearch.vector.VectorCodec;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
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
                .where(FACE.MODEL.eq(model), FACE.ID.gt(afterId), hasDimension(dimension))
                .orderBy(FACE.ID).limit(limit)
                .fetch(FACE.ID).stream().mapToLong(Long::longValue).toArray();
    }

    /** True for a vector BLOB of {@code dimension} components in either of {@code VectorCodec}'s encodings. */
    private static Condition hasDimension(int dimension) {
        Field<Integer> length = DSL.field("octet_length({0})", Integer.class, FACE.VECTOR);
        byte[] prefix = VectorCodec.sparsePrefix(dimension);   // its length is also a sparse BLOB's length modulo 4
        return length.eq(dimension * Float.BYTES).or(length.mod(Float.BYTES).eq(prefix.length)
                .and(DSL.field("left({0}, {1})", byte[].class, FACE.VECTOR, DSL.inline(prefix.length)).eq(DSL.val(prefix))));
    }
}
