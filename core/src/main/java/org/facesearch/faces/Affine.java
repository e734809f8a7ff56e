package org.facesearch.faces;

/**
 * A 2-D affine map from output (crop) pixel coordinates {@code (u, v)} to source image coordinates:
 * {@code x = a*u + b*v + c}, {@code y = d*u + e*v + f}. Crops are always described this way round
 * (output to source) so that sampling needs no inversion.
 */
public record Affine(double a, double b, double c, double d, double e, double f) {

    public double x(double u, double v) {
        return a * u + b * v + c;
    }

    public double y(double u, double v) {
        return d * u + e * v + f;
    }

    /**
     * A rotation-scale-translation {@code (x, y) = s*R(theta)*(u - cu, v - cv) + (cx, cy)}: the crop pixel
     * {@code (cu, cv)} lands on {@code (cx, cy)}, one crop pixel spans {@code scale} source pixels.
     */
    public static Affine similarity(double scale, double theta, double cu, double cv, double cx, double cy) {
        double ca = scale * Math.cos(theta), sa = scale * Math.sin(theta);
        return new Affine(ca, -sa, cx - ca * cu + sa * cv, sa, ca, cy - sa * cu - ca * cv);
    }

    /**
     * The least-squares similarity transform taking template points {@code from} onto image points {@code to}
     * (closed form: with centred points as complex numbers, {@code z = sum(conj(p) q) / sum(|p|^2)}).
     */
    public static Affine fitSimilarity(double[][] from, double[][] to) {
        int n = from.length;
        double mpx = 0, mpy = 0, mqx = 0, mqy = 0;
        for (int i = 0; i < n; i++) {
            mpx += from[i][0] / n; mpy += from[i][1] / n;
            mqx += to[i][0] / n; mqy += to[i][1] / n;
        }
        double re = 0, im = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from[i][0] - mpx, py = from[i][1] - mpy, qx = to[i][0] - mqx, qy = to[i][1] - mqy;
            re += px * qx + py * qy;
            im += px * qy - py * qx;
            norm += px * px + py * py;
        }
        double sa = re / norm, sb = im / norm;   // x = sa*u - sb*v + tx, y = sb*u + sa*v + ty
        return new Affine(sa, -sb, mqx - sa * mpx + sb * mpy, sb, sa, mqy - sb * mpx - sa * mpy);
    }
}
