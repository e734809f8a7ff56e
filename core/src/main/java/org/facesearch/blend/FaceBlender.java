package org.facesearch.blend;

import org.facesearch.faces.Affine;
import org.facesearch.faces.FaceLandmarks;
import org.facesearch.faces.FaceMesh;
import org.facesearch.faces.RgbImage;
import org.facesearch.vector.Box;

/**
 * A face that looks like two people: a landmark morph, since no generative face model can be had here. Both
 * faces get their 468 face-mesh landmarks; each photo is turned, scaled and moved so that its eyes sit at the
 * portrait's eye positions; the two shapes are averaged; both photos are warped onto the average shape
 * triangle by triangle (Delaunay triangles of the average shape plus the portrait's frame, piecewise affine)
 * and cross-dissolved half and half into a {@value #SIZE}x{@value #SIZE} portrait.
 *
 * <p>Thread-safe: all state is per call; the mesh model runs concurrent calls.
 */
public final class FaceBlender {

    public static final int SIZE = 256;
    /** Below this the mesh model itself doubts its crop shows a face (measured: real faces 0.99+). */
    static final float MIN_PRESENCE = 0.5f;
    /** Eye centres in the portrait, as fractions of its side: the face fills the middle ~2/3, hair and chin in view. */
    private static final double EYE_Y = 0.42, EYE_HALF_SPAN = 0.14;
    /** Points of the portrait's frame, as fractions of its side (just outside the pixel centres), so the triangles cover it. */
    private static final double[][] FRAME = frame();

    /** The portrait's plain background, a light warm grey. */
    static final int BACKGROUND = 0xE6E2DC;

    private final FaceMesh mesh;

    public FaceBlender(FaceMesh mesh) {
        this.mesh = mesh;
    }

    /**
     * The blend of the face in box {@code boxA} of photo {@code a} and the face in box {@code boxB} of photo
     * {@code b}: a detection's box or a stored face's box (no detector run is needed, so a stored face costs
     * only its two face-mesh passes).
     *
     * @throws NoUsableFaceException when either face's landmarks cannot be found (the message says which)
     */
    public RgbImage blend(RgbImage a, Box boxA, RgbImage b, Box boxB) throws NoUsableFaceException {
        return morph(a, landmarks(a, boxA, "first"), b, landmarks(b, boxB, "second"));
    }

    private FaceLandmarks landmarks(RgbImage image, Box box, String which) throws NoUsableFaceException {
        FaceLandmarks l = mesh.landmarks(image, box);
        if (l.presence() < MIN_PRESENCE) {
            throw new NoUsableFaceException("the " + which + " face is not clear enough to find its features (face mesh confidence "
                    + String.format(java.util.Locale.ROOT, "%.2f", l.presence()) + ")");
        }
        return l;
    }

    /** The morph itself, from given landmarks. */
    static RgbImage morph(RgbImage a, FaceLandmarks la, RgbImage b, FaceLandmarks lb) {
        int n = FaceLandmarks.COUNT, points = n + FRAME.length;
        Affine toPortraitA = alignment(la, false), toPortraitB = alignment(lb, false);
        Affine fromPortraitA = alignment(la, true), fromPortraitB = alignment(lb, true);
        double[] tx = new double[points], ty = new double[points];
        double[] ax = new double[points], ay = new double[points], bx = new double[points], by = new double[points];
        for (int i = 0; i < n; i++) {
            tx[i] = (toPortraitA.x(la.x()[i], la.y()[i]) + toPortraitB.x(lb.x()[i], lb.y()[i])) / 2;
            ty[i] = (toPortraitA.y(la.x()[i], la.y()[i]) + toPortraitB.y(lb.x()[i], lb.y()[i])) / 2;
            ax[i] = la.x()[i]; ay[i] = la.y()[i];
            bx[i] = lb.x()[i]; by[i] = lb.y()[i];
        }
        for (int f = 0; f < FRAME.length; f++) {
            int i = n + f;
            tx[i] = FRAME[f][0] * SIZE - 0.5;
            ty[i] = FRAME[f][1] * SIZE - 0.5;
            ax[i] = fromPortraitA.x(tx[i], ty[i]); ay[i] = fromPortraitA.y(tx[i], ty[i]);
            bx[i] = fromPortraitB.x(tx[i], ty[i]); by[i] = fromPortraitB.y(tx[i], ty[i]);
        }
        int[] triangles = Delaunay.triangulate(tx, ty);
        TriangleMorph.Source[] sources = {new TriangleMorph.Source(a, ax, ay, 0.5), new TriangleMorph.Source(b, bx, by, 0.5)};
        return vignette(TriangleMorph.render(SIZE, tx, ty, triangles, sources, BACKGROUND), tx, ty);
    }

    /**
     * Fades what lies around the face (two half-transparent backgrounds and hairlines) into a plain background:
     * full colour inside an ellipse around the average shape's landmarks (widened to take in the hairline and
     * ears), {@link #BACKGROUND} outside, a soft edge between.
     */
    private static RgbImage vignette(RgbImage image, double[] tx, double[] ty) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            minX = Math.min(minX, tx[i]); maxX = Math.max(maxX, tx[i]);
            minY = Math.min(minY, ty[i]); maxY = Math.max(maxY, ty[i]);
        }
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2 - 0.08 * (maxY - minY);
        double rx = 0.68 * (maxX - minX), ry = 0.66 * (maxY - minY);
        int[] rgb = image.rgb();
        for (int v = 0; v < SIZE; v++) {
            for (int u = 0; u < SIZE; u++) {
                double r = Math.hypot((u - cx) / rx, (v - cy) / ry);
                double alpha = Math.max(0, Math.min(1, (1.15 - r) / 0.3));
                if (alpha >= 1) continue;
                int p = rgb[v * SIZE + u], mixed = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    double c = alpha * ((p >> shift) & 0xff) + (1 - alpha) * ((BACKGROUND >> shift) & 0xff);
                    mixed |= (int) Math.round(c) << shift;
                }
                rgb[v * SIZE + u] = mixed;
            }
        }
        return image;
    }

    /** The similarity taking the photo's eyes onto the portrait's (or back, when {@code inverse}). */
    private static Affine alignment(FaceLandmarks l, boolean inverse) {
        double[][] photo = {l.leftEye(), l.rightEye()};
        double[][] portrait = {{(0.5 - EYE_HALF_SPAN) * SIZE - 0.5, EYE_Y * SIZE - 0.5}, {(0.5 + EYE_HALF_SPAN) * SIZE - 0.5, EYE_Y * SIZE - 0.5}};
        return inverse ? Affine.fitSimilarity(portrait, photo) : Affine.fitSimilarity(photo, portrait);
    }

    private static double[][] frame() {
        double lo = -0.01, hi = 1.01;
        double[] steps = {lo, 0.25, 0.5, 0.75, hi};
        java.util.List<double[]> f = new java.util.ArrayList<>();
        for (double s : steps) {
            f.add(new double[]{s, lo});
            f.add(new double[]{s, hi});
            if (s != lo && s != hi) {
                f.add(new double[]{lo, s});
                f.add(new double[]{hi, s});
            }
        }
        return f.toArray(double[][]::new);
    }
}
