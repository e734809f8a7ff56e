package org.facesearch.testing;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;

/**
 * Test data: faces stored the way the storage path stores them (a profile, a photo and a face row each), for
 * tests of clustering and search that need faces with known vectors but no photos.
 */
public final class StoredFaces {
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private StoredFaces() {
    }

    /** Stores one face of {@code model} for a new gallery person "Person n"; returns the face id. */
    public static long insert(DSLContext tx, String model, float[] vector) {
        int n = PEOPLE.incrementAndGet();
        return insert(tx, model, vector, "gallery", "person-" + n, "Person " + n, null,
                "file:///gallery/person-" + n + ".jpg");
    }

    /** Stores one face with a new profile of the given source, names and URLs; returns the face id. */
    public static long insert(DSLContext tx, String model, float[] vector, String source, String externalId,
                              String displayName, String profileUrl, String photoUrl) {
        long profile = tx.insertInto(PROFILE)
                .set(PROFILE.SOURCE, source).set(PROFILE.EXTERNAL_ID, externalId)
                .set(PROFILE.DISPLAY_NAME, displayName).set(PROFILE.PROFILE_URL, profileUrl)
                .set(PROFILE.PHOTO_URL, photoUrl).set(PROFILE.STATUS, "ok")
                .returningResult(PROFILE.ID).fetchSingle(PROFILE.ID);
        long photo = tx.insertInto(PHOTO)
                .set(PHOTO.PROFILE_ID, profile).set(PHOTO.URL, photoUrl).set(PHOTO.STATUS, "ok")
                .returningResult(PHOTO.ID).fetchSingle(PHOTO.ID);
        return tx.insertInto(FACE)
                .set(FACE.PHOTO_ID, photo).set(FACE.PROFILE_ID, profile)
                .set(FACE.BOX_X, 0d).set(FACE.BOX_Y, 0d).set(FACE.BOX_W, 1d).set(FACE.BOX_H, 1d).set(FACE.SCORE, 0.9d)
                .set(FACE.MODEL, model).set(FACE.VECTOR, VectorCodec.encode(vector))
                .returningResult(FACE.ID).fetchSingle(FACE.ID);
    }

    /** A random unit vector. */
    public static float[] randomUnit(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return VectorCodec.normalize(v);
    }

    /**
     * A random unit vector as an embedding that ends in a ReLU has it: its negative components 0 (about half), so
     * that {@link VectorCodec#encode} stores it sparse; rescaled to unit length. Draws what {@link #randomUnit} does.
     */
    public static float[] randomRelu(SplittableRandom random, int dimension) {
        float[] v = randomUnit(random, dimension);
        for (int i = 0; i < dimension; i++) {
            v[i] = Math.max(v[i], 0f);
        }
        return VectorCodec.normalize(v);
    }
}
