package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.CLUSTERING;
import static org.facesearch.store.schema.Tables.FACE;

import java.util.Arrays;
import org.facesearch.store.clusters.ClusteringWrites;
import org.facesearch.vector.VectorCodec;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Writes of faces that do not come through the crawl's storage path: many faces whose vectors are already known,
 * stored under one photo (synthetic benchmark corpora), and the removal of everything of one model.
 */
public final class FaceWrites {
    private static final int DELETE_CHUNK = 10_000;

    private FaceWrites() {
    }

    /**
     * Stores {@code count} faces of {@code model} with the given vectors (row after row, L2-normalised) under one
     * photo and profile, in one JDBC batch; their boxes are the unit square and their scores 1.
     */
    public static void insertAll(DSLContext db, long photoId, long profileId, String model, float[] vectors, int count,
                                 int dimension) {
        BatchBindStep batch = db.batch(db.insertInto(FACE, FACE.PHOTO_ID, FACE.PROFILE_ID, FACE.BOX_X, FACE.BOX_Y,
                        FACE.BOX_W, FACE.BOX_H, FACE.SCORE, FACE.MODEL, FACE.VECTOR)
                .values((Long) null, null, null, null, null, null, null, null, null));
        for (int i = 0; i < count; i++) {
            float[] v = Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension);
            batch.bind(photoId, profileId, 0d, 0d, 1d, 1d, 1d, model, VectorCodec.encode(v));
        }
        batch.execute();
    }

    /** Deletes every clustering and every face of {@code model}, in bounded chunks (profiles and photos stay). */
    public static void deleteModel(DSLContext db, String model) {
        for (long id : db.select(CLUSTERING.ID).from(CLUSTERING).where(CLUSTERING.MODEL.eq(model)).fetch(CLUSTERING.ID)) {
            ClusteringWrites.deleteVersion(db, id);
        }
        while (db.deleteFrom(FACE).where(FACE.MODEL.eq(model)).limit(DELETE_CHUNK).execute() > 0) {
            // next chunk
        }
    }
}
