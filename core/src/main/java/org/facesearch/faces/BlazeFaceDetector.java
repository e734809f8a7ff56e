package org.facesearch.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace (the 256x256 "back camera" variant in human-models): finds faces and six keypoints.
 *
 * <p>The photo is letterboxed to a centred square and resampled to 256x256 (area-filtered first when much
 * larger, see {@link RgbImage#shrink}), input scaled to [-1, 1]. The network scores 896 anchors (16x16 grid x
 * 2 at stride 16, 8x8 x 6 at stride 32); each anchor's regression gives the box centre offset, size and 6
 * keypoints in 256-pixel units. Overlapping boxes (IoU > 0.3) are reduced to the best by non-max suppression.
 *
 * <p>Caveats: faces smaller than about 1/16 of the photo's longer side (e.g. under ~100 px in a 1920-px group
 * photo) are often missed, as the 256 input leaves them a few pixels wide. Animal faces and round objects
 * score up to ~0.72; {@link #DEFAULT_MIN_SCORE} is set above that on measured photos (see BENCHMARKS.md).
 */
final class BlazeFaceDetector {

    static final String MODEL_NAME = "blazeface";
    static final float DEFAULT_MIN_SCORE = 0.75f;
    private static final int SIZE = 256;
    private static final float NMS_IOU = 0.3f;
    private static final float[][] ANCHORS = anchors();

    private final TfGraphModel model;
    private final float minScore;

    BlazeFaceDetector(TfGraphModel model, float minScore) {
        this.model = model;
        this.minScore = minScore;
    }

    List<Detection> detect(RgbImage image) {
        int side = Math.max(image.width(), image.height());
        double scale = (double) side / SIZE;                        // source pixels per input pixel
        double padX = (side - image.width()) / 2.0, padY = (side - image.height()) / 2.0;
        RgbImage source = image;
        int k = (int) Math.floor(scale);
        if (k >= 2) source = image.shrink(k);
        // input pixel (u, v) centre -> source coords; in the shrunk image source pixel x sits at (x - (k-1)/2) / k
        double kk = k >= 2 ? k : 1, off = (kk - 1) / 2;
        double a = scale / kk, c = (0.5 * scale - 0.5 - padX - off) / kk, f = (0.5 * scale - 0.5 - padY - off) / kk;
        float[] input = new float[SIZE * SIZE * 3];
        source.sample(new Affine(a, 0, c, 0, a, f), SIZE, input, 0, 1 / 127.5f, -1f);

        float[][] out = model.run("input", input, new long[]{1, SIZE, SIZE, 3}, "Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0");
        List<Detection> candidates = new ArrayList<>();
        decode(out[0], out[2], 0, scale, padX, padY, candidates);
        decode(out[1], out[3], 512, scale, padX, padY, candidates);
        return suppress(candidates);
    }

    private void decode(float[] logits, float[] regressors, int anchorBase, double scale, double padX, double padY, List<Detection> out) {
        for (int i = 0; i < logits.length; i++) {
            float score = (float) (1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logits[i])))));
            if (score < minScore) continue;
            float[] anchor = ANCHORS[anchorBase + i];
            int r = i * 16;
            double cx = regressors[r] + anchor[0], cy = regressors[r + 1] + anchor[1], w = regressors[r + 2], h = regressors[r + 3];
            float[][] keypoints = new float[6][];
            for (int p = 0; p < 6; p++) {
                keypoints[p] = new float[]{(float) ((regressors[r + 4 + 2 * p] + anchor[0]) * scale - padX),
                        (float) ((regressors[r + 5 + 2 * p] + anchor[1]) * scale - padY)};
            }
            out.add(new Detection((float) ((cx - w / 2) * scale - padX), (float) ((cy - h / 2) * scale - padY),
                    (float) (w * scale), (float) (h * scale), score, keypoints));
        }
    }

    static List<Detection> suppress(List<Detection> candidates) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.stream().noneMatch(k -> k.iou(d) > NMS_IOU)) kept.add(d);
        }
        return kept;
    }

    private static float[][] anchors() {
        List<float[]> a = new ArrayList<>();
        int[] strides = {16, 32}, perCell = {2, 6};
        for (int level = 0; level < 2; level++) {
            int grid = SIZE / strides[level];
            for (int gy = 0; gy < grid; gy++)
                for (int gx = 0; gx < grid; gx++)
                    for (int n = 0; n < perCell[level]; n++) a.add(new float[]{strides[level] * (gx + 0.5f), strides[level] * (gy + 0.5f)});
        }
        return a.toArray(float[][]::new);
    }
}
