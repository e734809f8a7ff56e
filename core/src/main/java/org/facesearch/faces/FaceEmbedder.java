package org.facesearch.faces;

import java.util.List;

/**
 * Runs an {@link EmbedderModel} on the faces of one image, in batches of up to the model's
 * {@link EmbedderModel#maxBatch()} (one TensorFlow call per batch: per-call overhead dominates small inputs
 * like 112x112, while big batches of 224x224 outgrow the caches), and returns
 * L2-normalised vectors, so that L2 distance and cosine similarity order neighbours the same way.
 */
final class FaceEmbedder {

    private final TfGraphModel graph;
    private final EmbedderModel model;

    FaceEmbedder(TfGraphModel graph, EmbedderModel model) {
        this.graph = graph;
        this.model = model;
    }

    /** One vector per face, in order. */
    float[][] embed(RgbImage image, List<Detection> faces) {
        float[][] vectors = new float[faces.size()][];
        int size = model.inputSize(), pixels = size * size * 3;
        for (int start = 0; start < faces.size(); start += model.maxBatch()) {
            int n = Math.min(model.maxBatch(), faces.size() - start);
            float[] input = new float[n * pixels];
            for (int i = 0; i < n; i++) image.sample(FaceCrop.of(model, faces.get(start + i)), size, input, i * pixels, 1f, 0f);
            float[] out = graph.run(model.input(), input, new long[]{n, size, size, 3}, model.output())[0];
            for (int i = 0; i < n; i++) {
                vectors[start + i] = normalise(out, i * model.dimensions(), model.dimensions());
            }
        }
        return vectors;
    }

    private static float[] normalise(float[] all, int offset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) sum += (double) all[offset + i] * all[offset + i];
        float inv = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0f;
        float[] v = new float[length];
        for (int i = 0; i < length; i++) v[i] = all[offset + i] * inv;
        return v;
    }
}
