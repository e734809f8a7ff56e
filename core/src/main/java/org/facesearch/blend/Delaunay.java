package org.facesearch.blend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delaunay triangulation of a few hundred points (Bowyer-Watson): every point is inserted into the
 * triangulation so far by removing the triangles whose circumcircle holds it and fanning the hole's rim to it.
 * Quadratic, which is ~1 ms at the ~480 points of a face mesh plus its frame. A point closer than
 * {@link #MERGE} to one inserted before is left out (the face mesh has near-coincident points where the lips
 * close), so no triangle is degenerate; its index then appears in no triangle.
 */
final class Delaunay {

    static final double MERGE = 1e-3;

    private record Triangle(int a, int b, int c, double cx, double cy, double r2) {
        boolean encloses(double px, double py) {
            double dx = px - cx, dy = py - cy;
            return dx * dx + dy * dy < r2;
        }
    }

    private Delaunay() {}

    /** Triangles as index triples into {@code x}/{@code y}, three ints a triangle. */
    static int[] triangulate(double[] x, double[] y) {
        int n = x.length;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
        }
        double span = Math.max(maxX - minX, maxY - minY) + 1, midX = (minX + maxX) / 2, midY = (minY + maxY) / 2;
        // a super-triangle far around every point; its corners are indices n, n+1, n+2 and are dropped at the end
        double[] px = new double[n + 3], py = new double[n + 3];
        System.arraycopy(x, 0, px, 0, n);
        System.arraycopy(y, 0, py, 0, n);
        px[n] = midX - 1000 * span; py[n] = midY - span;
        px[n + 1] = midX; py[n + 1] = midY + 1000 * span;
        px[n + 2] = midX + 1000 * span; py[n + 2] = midY - span;
        List<Triangle> triangles = new ArrayList<>();
        triangles.add(triangle(n, n + 1, n + 2, px, py));
        for (int p = 0; p < n; p++) {
            if (nearEarlierPoint(p, x, y)) continue;
            Map<Long, int[]> rim = new HashMap<>();
            List<Triangle> kept = new ArrayList<>(triangles.size() + 2);
            for (Triangle t : triangles) {
                if (!t.encloses(px[p], py[p])) {
                    kept.add(t);
                    continue;
                }
                for (int[] e : new int[][]{{t.a, t.b}, {t.b, t.c}, {t.c, t.a}}) {
                    long key = (long) Math.min(e[0], e[1]) << 32 | Math.max(e[0], e[1]);
                    if (rim.remove(key) == null) rim.put(key, e);   // an edge of two removed triangles is inside the hole
                }
            }
            for (int[] e : rim.values()) kept.add(triangle(e[0], e[1], p, px, py));
            triangles = kept;
        }
        return triangles.stream().filter(t -> t.a < n && t.b < n && t.c < n)
                .flatMapToInt(t -> java.util.stream.IntStream.of(t.a, t.b, t.c)).toArray();
    }

    private static boolean nearEarlierPoint(int p, double[] x, double[] y) {
        for (int q = 0; q < p; q++) {
            if (Math.abs(x[q] - x[p]) < MERGE && Math.abs(y[q] - y[p]) < MERGE) return true;
        }
        return false;
    }

    private static Triangle triangle(int a, int b, int c, double[] x, double[] y) {
        double ax = x[a], ay = y[a], bx = x[b], by = y[b], cx = x[c], cy = y[c];
        double d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
        double a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
        double ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
        double uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
        double r2 = (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy);
        return new Triangle(a, b, c, ux, uy, r2);
    }
}
