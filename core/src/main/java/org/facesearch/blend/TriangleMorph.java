package org.facesearch.blend;

import org.facesearch.faces.RgbImage;

/**
 * A piecewise-affine morph and cross-dissolve: every triangle of the target shape is filled from the matching
 * triangle of each source photo (one affine map per triangle and photo, bilinear sampling, edges clamped), and
 * the photos are mixed with the given weights. Target pixel centres sit at integer coordinates; a pixel that
 * lies in no triangle keeps the background colour.
 */
final class TriangleMorph {

    /** One photo to morph: its pixels and where each target point lies in it. */
    record Source(RgbImage image, double[] x, double[] y, double weight) {}

    private TriangleMorph() {}

    /**
     * @param tx        target points (same count and order as every source's points)
     * @param triangles index triples into the points, e.g. from {@link Delaunay}
     */
    static RgbImage render(int size, double[] tx, double[] ty, int[] triangles, Source[] sources, int background) {
        int[] out = new int[size * size];
        java.util.Arrays.fill(out, background);
        double[][] maps = new double[sources.length][6];
        float[] mix = new float[3];
        for (int t = 0; t < triangles.length; t += 3) {
            int a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
            double det = (tx[b] - tx[a]) * (ty[c] - ty[a]) - (tx[c] - tx[a]) * (ty[b] - ty[a]);
            if (Math.abs(det) < 1e-12) continue;
            for (int s = 0; s < sources.length; s++) affine(tx, ty, sources[s].x, sources[s].y, a, b, c, det, maps[s]);
            int x0 = Math.max(0, (int) Math.floor(Math.min(tx[a], Math.min(tx[b], tx[c]))));
            int x1 = Math.min(size - 1, (int) Math.ceil(Math.max(tx[a], Math.max(tx[b], tx[c]))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ty[a], Math.min(ty[b], ty[c]))));
            int y1 = Math.min(size - 1, (int) Math.ceil(Math.max(ty[a], Math.max(ty[b], ty[c]))));
            for (int v = y0; v <= y1; v++) {
                for (int u = x0; u <= x1; u++) {
                    // barycentric coordinates of (u, v); a pixel on a shared edge is drawn by both triangles, identically
                    double l1 = ((u - tx[a]) * (ty[c] - ty[a]) - (tx[c] - tx[a]) * (v - ty[a])) / det;
                    double l2 = ((tx[b] - tx[a]) * (v - ty[a]) - (u - tx[a]) * (ty[b] - ty[a])) / det;
                    if (l1 < -1e-9 || l2 < -1e-9 || l1 + l2 > 1 + 1e-9) continue;
                    mix[0] = mix[1] = mix[2] = 0;
                    for (int s = 0; s < sources.length; s++) {
                        double[] m = maps[s];
                        add(sources[s].image, m[0] * u + m[1] * v + m[2], m[3] * u + m[4] * v + m[5], (float) sources[s].weight, mix);
                    }
                    out[v * size + u] = channel(mix[0]) << 16 | channel(mix[1]) << 8 | channel(mix[2]);
                }
            }
        }
        return new RgbImage(size, size, out);
    }

    /** The affine map taking target triangle (a, b, c) onto the source's, as {@code x = m0 u + m1 v + m2, y = m3 u + m4 v + m5}. */
    private static void affine(double[] tx, double[] ty, double[] sx, double[] sy, int a, int b, int c, double det, double[] m) {
        double du1 = tx[b] - tx[a], dv1 = ty[b] - ty[a], du2 = tx[c] - tx[a], dv2 = ty[c] - ty[a];
        double dx1 = sx[b] - sx[a], dx2 = sx[c] - sx[a], dy1 = sy[b] - sy[a], dy2 = sy[c] - sy[a];
        m[0] = (dx1 * dv2 - dx2 * dv1) / det;
        m[1] = (dx2 * du1 - dx1 * du2) / det;
        m[2] = sx[a] - m[0] * tx[a] - m[1] * ty[a];
        m[3] = (dy1 * dv2 - dy2 * dv1) / det;
        m[4] = (dy2 * du1 - dy1 * du2) / det;
        m[5] = sy[a] - m[3] * tx[a] - m[4] * ty[a];
    }

    /** Adds {@code weight} times the bilinear sample of {@code image} at (x, y), edges clamped, to {@code mix}. */
    private static void add(RgbImage image, double x, double y, float weight, float[] mix) {
        int w = image.width(), h = image.height();
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x, y0 = (int) y, x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        float fx = (float) (x - x0), fy = (float) (y - y0);
        int[] rgb = image.rgb();
        int p00 = rgb[y0 * w + x0], p10 = rgb[y0 * w + x1], p01 = rgb[y1 * w + x0], p11 = rgb[y1 * w + x1];
        for (int ch = 0, shift = 16; ch < 3; ch++, shift -= 8) {
            float top = ((p00 >> shift) & 0xff) * (1 - fx) + ((p10 >> shift) & 0xff) * fx;
            float bottom = ((p01 >> shift) & 0xff) * (1 - fx) + ((p11 >> shift) & 0xff) * fx;
            mix[ch] += weight * (top * (1 - fy) + bottom * fy);
        }
    }

    private static int channel(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }
}
