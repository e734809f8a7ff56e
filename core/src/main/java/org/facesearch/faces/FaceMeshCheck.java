package org.facesearch.faces;

import java.util.List;

/**
 * A second opinion on whether a detector box holds a human face: MediaPipe's face-mesh network
 * ({@code facemesh} in human-models) fits 468 landmarks to a face crop and also outputs a "face flag", its
 * confidence that the crop shows a human face at all.
 *
 * <p>Why: BlazeFace alone cannot tell some animal and object photos from faces (measured: a dog 0.89, a cat
 * 0.78, above real faces in group photos at 0.58-0.74), and no threshold of its own separates them. The
 * face mesh was trained on human faces only and looks at the whole face at 192x192, so it does (see
 * BENCHMARKS.md, section Faces, for the scores on faces, animals and objects). The crop is the box enlarged
 * {@link #ENLARGE}x, squared and turned so the eyes are level, as MediaPipe feeds it; input in [0, 1].
 */
final class FaceMeshCheck {

    static final String MODEL_NAME = "facemesh";
    static final int SIZE = 192;
    static final double ENLARGE = 1.5;

    private final TfGraphModel model;

    FaceMeshCheck(TfGraphModel model) {
        this.model = model;
    }

    /** The face-mesh confidence (0..1) that each box of {@code image} shows a human face, in order. */
    float[] faceScores(RgbImage image, List<Detection> boxes) {
        float[] scores = new float[boxes.size()];
        if (boxes.isEmpty()) return scores;
        int pixels = SIZE * SIZE * 3;
        float[] input = new float[boxes.size() * pixels];
        for (int i = 0; i < boxes.size(); i++) image.sample(crop(boxes.get(i)), SIZE, input, i * pixels, 1 / 255f, 0f);
        float[] flags = model.run("input_1", input, new long[]{boxes.size(), SIZE, SIZE, 3}, "Identity_1:0")[0];
        System.arraycopy(flags, 0, scores, 0, scores.length);
        return scores;
    }

    /** The mesh model's crop of a detected face, turned by its keypoints. */
    static Affine crop(Detection d) {
        double side = ENLARGE * Math.max(d.width(), d.height()), centre = (SIZE - 1) / 2.0;
        return Affine.similarity(side / SIZE, d.roll(), centre, centre, d.x() + d.width() / 2.0, d.y() + d.height() / 2.0);
    }
}
