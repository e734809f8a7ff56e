package org.facesearch.faces;

/**
 * The 468 points of MediaPipe's face mesh for one face, in the source photo's pixels, as
 * {@code x[i], y[i]}; {@code presence} is the mesh model's own probability (0..1) that its crop shows a face.
 * Indices follow MediaPipe's canonical face mesh (e.g. 33 and 133 are the corners of the eye on the image's
 * left, 362 and 263 those of the other eye, 1 the nose tip, 152 the chin).
 */
public record FaceLandmarks(double[] x, double[] y, float presence) {

    public static final int COUNT = 468;

    public FaceLandmarks {
        if (x.length != COUNT || y.length != COUNT) throw new IllegalArgumentException("a face mesh has " + COUNT + " points");
    }

    /** Centre of the eye on the image's left (mean of its two corners). */
    public double[] leftEye() {
        return mean(33, 133);
    }

    /** Centre of the eye on the image's right. */
    public double[] rightEye() {
        return mean(362, 263);
    }

    private double[] mean(int i, int j) {
        return new double[]{(x[i] + x[j]) / 2, (y[i] + y[j]) / 2};
    }
}
