package org.facesearch.bench;


import java.util.List;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.FaceStatistics;
import org.facesearch.synthetic.SyntheticFaces;
import org.jooq.DSLContext;
import org.facesearch.store.crawl.CrawlWrites;
import org.facesearch.store.crawl.ProfileInfo;
import org.facesearch.store.crawl.ProfileStatus;
import org.facesearch.store.faces.FaceWrites;
import org.facesearch.store.faces.Faces;

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
        if (Faces.count(db, model) == corpus.faces()) {
            return false;
        }
        FaceWrites.deleteModel(db, model);
        ProfileInfo bench = new ProfileInfo("bench", model + "-" + System.nanoTime(), "synthetic " + model, null, null,
                ProfileStatus.OK);
        long profile = CrawlWrites.upsertProfiles(db, List.of(bench)).get(CrawlWrites.key(bench.source(), bench.externalId()));
        long photo = CrawlWrites.insertPhoto(db, profile, "synthetic:" + model, null, null, null, null, "ok", null);
        int dimension = corpus.dimension();
        float[] chunk = new float[CHUNK * dimension];
        progress.start("Loading synthetic faces", corpus.faces());
        for (long first = 0; first < corpus.faces(); first += CHUNK) {
            int count = (int) Math.min(CHUNK, corpus.faces() - first);
            corpus.fill(first, count, chunk);
            FaceWrites.insertAll(db, photo, profile, model, chunk, count, dimension);
            progress.advance(count);
        }
        progress.finish();
        return true;
    }
}
