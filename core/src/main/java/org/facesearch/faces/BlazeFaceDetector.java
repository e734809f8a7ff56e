package org.facesearch.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace (the 256x256 "back camera" variant in human-models; {@code blazeface-back} there is the same
 * file) finds candidate faces and six keypoints; {@link FaceMeshCheck} decides which are human faces.
 *
 * <p>First pass: the photo is letterboxed to a centred square and resampled to 256x256 (area-filtered first
 * when much larger, see {@link RgbImage#shrink}), input scaled to [-1, 1]. The network scores 896 anchors
 * (16x16 grid x 2 at stride 16, 8x8 x 6 at stride 32); each anchor's regression gives the box centre offset,
 * size and 6 keypoints in 256-pixel units. A photo longer than {@link #TILE} is also cut into overlapping
 * {@link #TILE}-pixel square tiles, each run the same way: a 40-px face in a 1920-px photo is 5 input pixels
 * wide in the whole-photo pass (found 10 times in 20) and 8 in a tile (19 in 20), for two more detector runs
 * (~10 ms each) on a 1920x1280 photo; photos up to 1280 px (VK's usual sizes) need none.
 *
 * <p>Second look: a candidate below {@link #SURE} is run again on a crop twice its size around it (the face
 * now fills the input), and the box and keypoints found there replace the first ones: they were found at a
 * finer scale, which aligns small faces better.
 *
 * <p>Which candidates are faces: no BlazeFace score separates faces from face-like things (measured: a cat
 * 0.78, a dog 0.89, a cup 0.65, while real faces in group photos scored 0.58-0.74), so every candidate is
 * handed to the face mesh's face flag: it gave 0.56-1.0 to the 152 real faces found in the test photos (all
 * but two above 0.97) and at most 0.003 to every candidate in 15 animal and object photos (BENCHMARKS.md,
 * section Faces); {@link #HUMAN_FACE} sits between the two on a log scale. Overlapping boxes (IoU > 0.3)
 * are reduced to the best by non-max suppression after every step that moves a box: the second look can
 * move two first-pass boxes onto one face.
 */
final class BlazeFaceDetector {

    static final String MODEL_NAME = "blazeface";
    /** Candidates below this are never faces. */
    static final float MIN_SCORE = 0.5f;
    /** Candidates at or above this keep their first-pass box without a second look. */
    static final float SURE = 0.85f;
    /** Face-mesh face flag a candidate needs to count as a human face. */
    static final float HUMAN_FACE = 0.1f;
    /** Tile side in source pixels: 5 times the input's, as a whole 1280-px photo, where 40-px faces were found 20 in 20. */
    static final int TILE = 1280;
    private static final int SIZE = 256;
    private static final float NMS_IOU = 0.3f;
    private static final float[][] ANCHORS = anchors();

    private final TfGraphModel model;
    private final FaceMeshCheck humanFace;
    private final int tile;

    /** @param tile tile side in pixels ({@link #TILE}), 0 for none */
    BlazeFaceDetector(TfGraphModel model, FaceMeshCheck humanFace, int tile) {
        this.model = model;
        this.humanFace = humanFace;
        this.tile = tile;
    }

    /** The human faces in {@code image}. */
    List<Detection> detect(RgbImage image) {
        List<Detection> boxes = new ArrayList<>();
        for (Detection d : candidates(image)) {
            Detection again = d.score() >= SURE ? null : secondLook(image, d);
            boxes.add(again != null ? again : d);
        }
        float[] human = humanFace.faceScores(image, boxes);
        List<Detection> faces = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) if (human[i] >= HUMAN_FACE) faces.add(boxes.get(i));
        // the second look moves boxes: two first-pass boxes on one face can land on the same face
        return suppress(faces);
    }

    /** First-pass detections over the whole photo and, in a big photo, its tiles; overlaps suppressed. */
    List<Detection> candidates(RgbImage image) {
        int side = Math.max(image.width(), image.height());
        int k = shrinkFactor(side);
        // the whole photo letterboxed to a centred square
        List<Detection> all = new ArrayList<>(region(shrunk(image, k), k, -(side - image.width()) / 2.0, -(side - image.height()) / 2.0, side));
        if (tile > 0 && side > tile) {
            int kt = shrinkFactor(tile);
            RgbImage source = shrunk(image, kt);   // once for all tiles
            for (int[] corner : tiles(image.width(), image.height(), tile)) all.addAll(region(source, kt, corner[0], corner[1], tile));
        }
        return suppress(all);
    }

    /** Source pixels averaged per pixel before sampling a region of {@code side} pixels (see {@link RgbImage#shrink}). */
    private static int shrinkFactor(int side) {
        return Math.max(1, (int) Math.floor((double) side / SIZE));
    }

    private static RgbImage shrunk(RgbImage image, int k) {
        return k >= 2 ? image.shrink(k) : image;
    }

    /**
     * The network on the square region of {@code side} source pixels at {@code (x0, y0)} (what lies outside
     * the photo is black); {@code source} is the photo shrunk {@code k} times, or itself when {@code k} is 1.
     */
    private List<Detection> region(RgbImage source, int k, double x0, double y0, int side) {
        double scale = (double) side / SIZE;                        // source pixels per input pixel
        // input pixel (u, v) centre -> photo coords; in the shrunk photo, pixel x sits at (x - (k-1)/2) / k
        double off = (k - 1) / 2.0, a = scale / k;
        return run(source, new Affine(a, 0, (x0 + 0.5 * scale - 0.5 - off) / k, 0, a, (y0 + 0.5 * scale - 0.5 - off) / k), scale, x0, y0);
    }

    /** Top-left corners of square tiles of {@code side} covering a {@code width} x {@code height} photo, overlapping by at least a quarter. */
    static List<int[]> tiles(int width, int height, int side) {
        List<int[]> corners = new ArrayList<>();
        for (int y : starts(height, side)) for (int x : starts(width, side)) corners.add(new int[]{x, y});
        return corners;
    }

    private static int[] starts(int length, int side) {
        if (length <= side) return new int[]{0};
        int n = (int) Math.ceil((length - side) / (0.75 * side)) + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = (int) Math.round((double) i * (length - side) / (n - 1));
        return s;
    }

    /**
     * The best detection centred inside {@code d}'s box on a 256x256 crop of twice the box's size, or null.
     * Its box and keypoints replace the first ones: they were found at a finer scale (a small face in a big
     * photo is a few pixels wide in the first pass), which makes the alignment of small faces better.
     */
    Detection secondLook(RgbImage image, Detection d) {
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
