package org.facesearch.store.privacy;

import static org.facesearch.store.schema.Tables.FACE_REMOVAL;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The log of removed face ids ({@code face_removal}), which {@link ProfileEraser} writes and a running server reads
 * to drop those faces from its in-memory index: keyset pages by the log's own id, per model.
 */
public final class FaceRemovals {
    private FaceRemovals() {
    }

    /** One removal: its position in the log and the face it removed. */
    public record Removal(long id, long faceId) {
    }

    /** The log's newest position for {@code model} (0 when empty): where a freshly loaded index starts following. */
    public static long last(DSLContext db, String model) {
        Long max = db.select(DSL.max(FACE_REMOVAL.ID)).from(FACE_REMOVAL).where(FACE_REMOVAL.MODEL.eq(model))
                .fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    /** Up to {@code limit} removals of {@code model} after position {@code afterId}, in log order. */
    public static List<Removal> after(DSLContext db, String model, long afterId, int limit) {
        return db.select(FACE_REMOVAL.ID, FACE_REMOVAL.FACE_ID).from(FACE_REMOVAL)
                .where(FACE_REMOVAL.MODEL.eq(model), FACE_REMOVAL.ID.gt(afterId))
                .orderBy(FACE_REMOVAL.ID).limit(limit)
                .fetch(r -> new Removal(r.value1(), r.value2()));
    }
}
