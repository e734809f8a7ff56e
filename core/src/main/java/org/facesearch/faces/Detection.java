package org.facesearch.faces;

import org.facesearch.vector.Box;

/**
 * One face the detector found, in source image pixels: the box corner, size, the detector's confidence
 * (0..1) and BlazeFace's six keypoints as {@code [x, y]}: the two eyes, nose tip, mouth centre and the two ear
 * tragions (the first of each pair is the one on the image's left for an upright frontal face).
 */
public record Detection(float x, float y, float width, float height, float score, float[][] keypoints) {

    /** The face's box (the keypoints are the detector's own). */
    public Box box() {
        return new Box(x, y, width, height);
    }

    double iou(Detection o) {
        return box().iou(o.box());
    }

    /** Roll of the eye line (radians, image y down), from the eye on the left to the eye on the right. */
    double roll() {
        float[] l = keypoints[0][0] <= keypoints[1][0] ? keypoints[0] : keypoints[1];
        float[] r = l == keypoints[0] ? keypoints[1] : keypoints[0];
        return Math.atan2(r[1] - l[1], r[0] - l[0]);
    }
}
