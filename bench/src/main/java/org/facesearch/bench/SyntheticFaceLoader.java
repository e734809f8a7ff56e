package org.facesearch.bench;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.CLUSTERING;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.Arrays;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.FaceStatistics;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.vector.VectorCodec;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Puts face-like synthetic vectors ({@link FaceLikeGenerator}, calibrated to faceres' measured cosines) into the
 * database under a model id of their own, so benchmarks never mix with real faces and real searches never see
 * them. All faces hang off one bench profile and photo (the foreign keys want one; benchmarks only read faces).
 *
 * <p>A load is kept: when the model already holds exactly the wanted number of faces they are reused, so a
 * benchmark can be re-run without reloading millions of rows; otherwise the model's rows are deleted first.
 */
final class SyntheticFaceLoader {
    private static final int CHUNK = 2_000;

    private SyntheticFaceLoader() {
    }

    /** A deterministic corpus of {@code faces} face-like vectors of {@code dimension}. */
    static SyntheticFaces corpus(int dimension, long faces, long seed) {
        FaceStatistics statistics = FaceStatistics.fallback(dimension, seed);
        return new SyntheticFaces(FaceLikeGenerator.calibrated(statistics, seed, 0.41, 0.79), faces);
    }

    /** Makes {@code model} hold exactly the corpus's faces; returns true if they had to be (re)loaded. */
    static boolean ensureLoaded(DSLContext db, String model, SyntheticFaces corpus, ReclusterProgress progress) {
        if (db.fetchCount(FACE, FACE.MODEL.eq(model)) == corpus.faces()) {
            return false;
        }
        deleteModel(db, model);
        long profile = db.insertInto(PROFILE)
                .set(PROFILE.SOURCE, "bench").set(PROFILE.EXTERNAL_ID, model + "-" + System.nanoTime())
                .set(PROFILE.DISPLAY_NAME, "synthetic " + model).set(PROFILE.STATUS, "ok")
                .returningResult(PROFILE.ID).fetchSingle(PROFILE.ID);
        long photo = db.insertInto(PHOTO).set(PHOTO.PROFILE_ID, profile).set(PHOTO.URL, "synthetic:" + model)
                .set(PHOTO.STATUS, "ok").returningResult(PHOTO.ID).fetchSingle(PHOTO.ID);
        int dimension = corpus.dimension();
        float[] chunk = new float[CHUNK * dimension];
        progress.start("Loading synthetic faces", corpus.faces());
        for (long first = 0; first < corpus.faces(); first += CHUNK) {
            int count = (int) Math.min(CHUNK, corpus.faces() - first);
            corpus.fill(first, count, chunk);
            BatchBindStep batch = db.batch(db.insertInto(FACE, FACE.PHOTO_ID, FACE.PROFILE_ID, FACE.BOX_X, FACE.BOX_Y,
                    FACE.BOX_W, FACE.BOX_H, FACE.SCORE, FACE.MODEL, FACE.VECTOR)
                    .values((Long) null, null, null, null, null, null, null, null, null));
            for (int i = 0; i < count; i++) {
                float[] v = Arrays.copyOfRange(chunk, i * dimension, (i + 1) * dimension);
                batch.bind(photo, profile, 0d, 0d, 1d, 1d, 1d, model, VectorCodec.encode(v));
            }
            batch.execute();
            progress.advance(count);
        }
        progress.finish();
        return true;
    }

    /** Deletes every clustering and face of {@code model} (bench data only). */
    private static void deleteModel(DSLContext db, String model) {
        for (long id : db.select(CLUSTERING.ID).from(CLUSTERING).where(CLUSTERING.MODEL.eq(model)).fetch(CLUSTERING.ID)) {
            while (db.deleteFrom(FACE_CLUSTER).where(FACE_CLUSTER.CLUSTERING_ID.eq(id)).limit(10_000).execute() > 0) {
                // next chunk
            }
            db.deleteFrom(CENTROID).where(CENTROID.CLUSTERING_ID.eq(id)).execute();
            db.deleteFrom(CLUSTERING).where(CLUSTERING.ID.eq(id)).execute();
        }
        while (db.deleteFrom(FACE).where(FACE.MODEL.eq(model)).limit(10_000).execute() > 0) {
            // next chunk
        }
    }
}
