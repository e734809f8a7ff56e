package org.facesearch.cluster;

import static org.facesearch.db.schema.Tables.FACE;
import static org.facesearch.db.schema.Tables.PHOTO;
import static org.facesearch.db.schema.Tables.PROFILE;

import java.util.SplittableRandom;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;

/** Test data: stores faces (with a profile and a photo each) the way the storage path does, and random vectors. */
final class FaceRows {
    private static int profiles;

    private FaceRows() {
    }

    /** Inserts a profile, a photo and one face of {@code model} in {@code tx}; returns the face id. */
    static long insert(DSLContext tx, String model, float[] vector) {
        int n;
        synchronized (FaceRows.class) {
            n = ++profiles;
        }
        long profile = tx.insertInto(PROFILE)
                .set(PROFILE.SOURCE, "gallery").set(PROFILE.EXTERNAL_ID, "person-" + n + "-" + System.nanoTime())
                .set(PROFILE.DISPLAY_NAME, "Person " + n).set(PROFILE.STATUS, "ok")
                .returningResult(PROFILE.ID).fetchSingle(PROFILE.ID);
        long photo = tx.insertInto(PHOTO)
                .set(PHOTO.PROFILE_ID, profile).set(PHOTO.URL, "file:///gallery/person-" + n + ".jpg")
                .set(PHOTO.STATUS, "ok")
                .returningResult(PHOTO.ID).fetchSingle(PHOTO.ID);
        return tx.insertInto(FACE)
                .set(FACE.PHOTO_ID, photo).set(FACE.PROFILE_ID, profile)
                .set(FACE.BOX_X, 0d).set(FACE.BOX_Y, 0d).set(FACE.BOX_W, 1d).set(FACE.BOX_H, 1d).set(FACE.SCORE, 0.9d)
                .set(FACE.MODEL, model).set(FACE.VECTOR, VectorCodec.encode(vector))
                .returningResult(FACE.ID).fetchSingle(FACE.ID);
    }

    /** A random unit vector. */
    static float[] randomUnit(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return VectorCodec.normalize(v);
    }
}
