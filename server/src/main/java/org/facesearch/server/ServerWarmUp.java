package org.facesearch.server;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.faces.Detection;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.RgbImage;
import org.facesearch.search.SearchParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a new server runs on itself before it listens, so that its first users do not pay for a cold JVM. Measured on
 * the demo's 127 faces (2026-12-03, {@code Server-Timing}): the first photo search after start took 416 ms to find
 * and embed the face and 193 ms to search the index, against ~40 ms and ~5 ms once warm; the index search came
 * down only over its first ~40 queries (265, 76, 38 ... ms) as the JIT compiled the scan and the re-rank.
 *
 * <p>So it finds faces in a blank image and embeds one box of it (the models' first runs), then searches random unit
 * vectors through the live index exactly as {@code POST /api/search/vector} does (probe, code scan, the re-rank's
 * reads from the database, the catalog query that names the matches), up to {@value #ROUNDS} of them or for
 * {@value #BUDGET_MILLIS} ms, whichever ends first: at 10M faces a search takes ~15 ms, so about 1.5 s of a start
 * of ~35 s. It only reads. A failure is logged and the server starts cold: a warm-up is never a reason not to serve.
 */
final class ServerWarmUp {
    /** Searches at most: past ~40-60 the JIT has compiled the search path (see the class comment). */
    static final int ROUNDS = 100;
    static final long BUDGET_MILLIS = 3_000;
    private static final int BLANK_SIZE = 256;
    private static final Logger log = LoggerFactory.getLogger(ServerWarmUp.class);

    private ServerWarmUp() {
    }

    /** Warms {@code search}'s models and index path; returns how many index searches ran. */
    static int run(FaceSearch search, SearchParams params, int rounds, long budgetMillis) {
        long start = System.nanoTime();
        long deadline = start + budgetMillis * 1_000_000;
        int searches = 0;
        try {
            FacePipeline pipeline = search.pipeline();
            RgbImage blank = RgbImage.of(new BufferedImage(BLANK_SIZE, BLANK_SIZE, BufferedImage.TYPE_INT_RGB));
            pipeline.detect(blank);
            pipeline.embed(blank, List.of(blankFace()));
            SplittableRandom random = new SplittableRandom(start);
            int dimension = pipeline.model().dimensions();
            while (searches < rounds && System.nanoTime() < deadline) {
                search.searchVector(randomVector(random, dimension), params, new ServerTiming());
                searches++;
            }
            log.debug("warm-up: {} searches in {} ms", searches, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("warm-up stopped after {} searches ({}); the first searches will be slower", searches, e.toString());
        }
        return searches;
    }

    /** A box in the middle of the blank image with BlazeFace's six keypoints where a frontal face has them. */
    private static Detection blankFace() {
        float x = BLANK_SIZE / 4f;
        float size = BLANK_SIZE / 2f;
        float[][] keypoints = {{x + 0.3f * size, x + 0.4f * size}, {x + 0.7f * size, x + 0.4f * size},
            {x + 0.5f * size, x + 0.6f * size}, {x + 0.5f * size, x + 0.75f * size},
            {x, x + 0.45f * size}, {x + size, x + 0.45f * size}};
        return new Detection(x, x, size, size, 1f, keypoints);
    }

    private static float[] randomVector(SplittableRandom random, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;  // searchVector normalises it
    }
}
