package org.facesearch.faces;

/**
 * One face the detector found, in source image pixels: the box corner, size, the detector's confidence
 * (0..1) and BlazeFace's six keypoints as {@code [x, y]}: the two eyes, nose tip, mouth centre and the two ear
 * tragions (the first of each pair is the one on the image's left for an upright frontal face).
 */
public record Detection(float x, float y, float width, float height, float score, float[][] keypoints) {

    double iou(Detection o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        return inter / (width * height + o.width * o.height - inter);
    }

    /** Roll of the eye line (radians, image y down), from the eye on the left to the eye on the right. */
    double roll() {
        float[] l = keypoints[0][0] <= keypoints[1][0] ? keypoints[0] : keypoints[1];
        float[] r = l == keypoints[0] ? keypoints[1] : keypoints[0];
        return Math.atan2(r[1] - l[1], r[0] - l[0]);
    }
}
