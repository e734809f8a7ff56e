package org.facesearch.bench.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.FaceStatistics;

/**
 * {@link FaceStatistics#fromSeeds} on real faceres vectors (the labelled grid faces and the face-api group photos
 * run through the real pipeline): the generator built on them reaches faceres' measured cosines, percentiles
 * included, which the fallback's isotropic share would not (its spreads came out far too narrow on real seeds).
 */
class RealSeedsTest {
    private static final int DIMENSION = EmbedderModel.FACERES.dimensions();

    @Test
    void generatorOnRealFaceresSeedsReachesTheMeasuredSimilarities() throws Exception {
        List<Path> photos = new ArrayList<>(TestPhotos.faceApiSamples());
        try (Stream<Path> walk = Files.walk(TestPhotos.labelledFaces())) {
            walk.filter(Files::isRegularFile).sorted().forEach(photos::add);
        }
        List<float[]> vectors = new ArrayList<>();
        try (FacePipeline pipeline = FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.FACERES)) {
            for (Path photo : photos) {
                for (DetectedFace face : pipeline.analyze(Files.readAllBytes(photo))) {
                    vectors.add(face.vector());
                }
            }
        }
        assertTrue(vectors.size() >= 90, vectors.size() + " faces");
        float[] seeds = new float[vectors.size() * DIMENSION];
        for (int i = 0; i < vectors.size(); i++) {
            System.arraycopy(vectors.get(i), 0, seeds, i * DIMENSION, DIMENSION);
        }

        FaceStatistics statistics = FaceStatistics.fromSeeds(seeds, vectors.size(), DIMENSION);
        assertEquals(vectors.size(), statistics.directionCount());
        double meanNorm = 0;
        for (float m : statistics.mean()) {
            assertTrue(m >= 0f, "the mean of non-negative faceres vectors is non-negative");
            meanNorm += m * m;
        }
        // strangers sit at cosine ~0.4, so the mean of unit vectors is far from zero (isotropic vectors: ~0.1)
        assertTrue(Math.sqrt(meanNorm) > 0.5, "mean norm " + Math.sqrt(meanNorm));

        FaceLikeGenerator.Similarity s = FaceLikeGenerator.calibrated(statistics, 42, 0.41, 0.79).measure(1_000);
        assertEquals(0.41, s.strangerMean(), 0.02, s.toString());
        assertEquals(0.79, s.samePersonMean(), 0.02, s.toString());
        // faceres: strangers' 95th percentile 0.54, same person's 5th percentile 0.67
        assertEquals(0.54, s.stranger95(), 0.03, s.toString());
        assertEquals(0.67, s.samePerson5(), 0.06, s.toString());
        assertTrue(s.zeroShare() > 0.2 && s.zeroShare() < 0.5, s.toString());
    }
}
