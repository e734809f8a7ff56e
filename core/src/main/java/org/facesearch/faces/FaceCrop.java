package org.facesearch.faces;

/**
 * Where each embedder wants the face cut out, as an {@link Affine} from crop pixels to source pixels.
 *
 * <ul>
 * <li>{@code mobileface} was trained on ArcFace-aligned 112x112 crops: a least-squares similarity transform
 * takes the eyes, nose tip and mouth centre onto the ArcFace template points.</li>
 * <li>{@code faceres} (human's description model) was trained on looser crops: the detector box enlarged 1.4x
 * and made square, here also turned so that the eyes are level.</li>
 * </ul>
 */
final class FaceCrop {

    /** ArcFace 112x112 template: eye on the image's left, eye on the right, nose tip, mouth centre. */
    private static final double[][] ARCFACE = {{38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {56.1396, 92.2848}};
    private static final double FACERES_ENLARGE = 1.4;

    private FaceCrop() {}

    static Affine of(EmbedderModel model, Detection d) {
        return switch (model) {
            case MOBILEFACE -> {
                float[][] k = d.keypoints();
                boolean firstLeft = k[0][0] <= k[1][0];
                double[][] points = {toDouble(firstLeft ? k[0] : k[1]), toDouble(firstLeft ? k[1] : k[0]), toDouble(k[2]), toDouble(k[3])};
                yield Affine.fitSimilarity(ARCFACE, points);
            }
            case FACERES, FACERES_DEEP -> {
                int size = model.inputSize();
                double side = FACERES_ENLARGE * Math.max(d.width(), d.height());
                double centre = (size - 1) / 2.0;
                yield Affine.similarity(side / size, d.roll(), centre, centre, d.x() + d.width() / 2.0, d.y() + d.height() / 2.0);
            }
        };
    }

    private static double[] toDouble(float[] p) {
        return new double[]{p[0], p[1]};
    }
}
