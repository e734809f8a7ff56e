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
 * <p>Second look: on real photos no single threshold separates faces from face-like things (measured: a cat
 * 0.78, a cup 0.65, while real faces in group photos scored 0.58-0.74). So a box scoring below
 * {@link #SURE} is only kept if the detector, run again on a crop twice the box's size around it (the face
 * now fills the input), scores it at least {@link #CONFIRM}: real faces then reached 0.78-0.89, the cat 0.74,
 * the cup 0.38. The kept box, keypoints and score are the second look's. Costs one more detector run
 * (~10 ms) per doubtful box only. A strongly turned profile face (0.71) is dropped with them, acceptable
 * since such faces embed poorly anyway. The second look also rescues small faces: a 40-px face on a plain
 * background was found in a 1920-px photo (first pass 0.69, a few input pixels wide).
 *
 * <p>Small faces, measured over 20 placements on a plain background: 40 px found 16/16 in 640-px photos,
 * 18/20 in 1280-px, 13/20 in 1920-px; 64 px and more 20/20. There is no tiling, which would cost a
 * detector run per tile: 40-px faces in big group photos are found only when they stand out.
 */
final class BlazeFaceDetector {

    static final String MODEL_NAME = "blazeface";
    /** Candidates below this are never faces. */
    static final float MIN_SCORE = 0.5f;
    /** Candidates at or above this are faces without a second look. */
    static final float SURE = 0.85f;
    /** Score a doubtful candidate must reach on the zoomed second look. */
    static final float CONFIRM = 0.75f;
    private static final int SIZE = 256;
    private static final float NMS_IOU = 0.3f;
    private static final float[][] ANCHORS = anchors();

    private final TfGraphModel model;

    BlazeFaceDetector(TfGraphModel model) {
        this.model = model;
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
        List<Detection> candidates = run(source, new Affine(a, 0, c, 0, a, f), scale, -padX, -padY);
        List<Detection> faces = new ArrayList<>();
        for (Detection d : suppress(candidates)) {
            if (d.score() >= SURE) {
                faces.add(d);
            } else {
                Detection again = secondLook(image, d);
                if (again != null && again.score() >= CONFIRM) faces.add(again);
            }
        }
        return faces;
    }

    /**
     * The best detection centred inside {@code d}'s box on a 256x256 crop of twice the box's size, or null.
     * Its box and keypoints replace the first ones: they were found at a finer scale (a small face in a big
     * photo is a few pixels wide in the first pass), which makes the alignment of small faces better.
     */
    private Detection secondLook(RgbImage image, Detection d) {
        double side = 2 * Math.max(d.width(), d.height()), scale = side / SIZE;
        double cx = d.x() + d.width() / 2.0, cy = d.y() + d.height() / 2.0;
        Affine crop = Affine.similarity(scale, 0, (SIZE - 1) / 2.0, (SIZE - 1) / 2.0, cx, cy);
        Detection best = null;
        for (Detection again : run(image, crop, scale, cx + 0.5 - SIZE / 2.0 * scale, cy + 0.5 - SIZE / 2.0 * scale)) {
            double ax = again.x() + again.width() / 2.0, ay = again.y() + again.height() / 2.0;
            boolean inside = ax >= d.x() && ax <= d.x() + d.width() && ay >= d.y() && ay <= d.y() + d.height();
            if (inside && (best == null || again.score() > best.score())) best = again;
        }
        return best;
    }

    /** Runs the network on the 256x256 crop {@code m} of {@code image}; boxes mapped back by scale and offset. */
    private List<Detection> run(RgbImage image, Affine m, double scale, double dx, double dy) {
        float[] input = new float[SIZE * SIZE * 3];
        image.sample(m, SIZE, input, 0, 1 / 127.5f, -1f);
        float[][] out = model.run("input", input, new long[]{1, SIZE, SIZE, 3}, "Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0");
        List<Detection> candidates = new ArrayList<>();
        decode(out[0], out[2], 0, scale, dx, dy, candidates);
        decode(out[1], out[3], 512, scale, dx, dy, candidates);
        return candidates;
    }

    private static void decode(float[] logits, float[] regressors, int anchorBase, double scale, double dx, double dy, List<Detection> out) {
        for (int i = 0; i < logits.length; i++) {
            float score = (float) (1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logits[i])))));
            if (score < MIN_SCORE) continue;
            float[] anchor = ANCHORS[anchorBase + i];
            int r = i * 16;
            double cx = regressors[r] + anchor[0], cy = regressors[r + 1] + anchor[1], w = regressors[r + 2], h = regressors[r + 3];
            float[][] keypoints = new float[6][];
            for (int p = 0; p < 6; p++) {
                keypoints[p] = new float[]{(float) ((regressors[r + 4 + 2 * p] + anchor[0]) * scale + dx),
                        (float) ((regressors[r + 5 + 2 * p] + anchor[1]) * scale + dy)};
            }
            out.add(new Detection((float) ((cx - w / 2) * scale + dx), (float) ((cy - h / 2) * scale + dy),
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
