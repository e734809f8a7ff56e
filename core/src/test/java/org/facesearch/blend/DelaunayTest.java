package org.facesearch.blend;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Delaunay triangles tile the points' hull and no point lies inside a triangle's circumcircle. */
class DelaunayTest {

    @Test
    void trianglesTileTheSquareAndAreDelaunay() {
        Random random = new Random(7);
        int n = 300;
        double[] x = new double[n + 4], y = new double[n + 4];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 100;
            y[i] = random.nextDouble() * 100;
        }
        double[][] corners = {{0, 0}, {100, 0}, {0, 100}, {100, 100}};
        for (int c = 0; c < 4; c++) {
            x[n + c] = corners[c][0];
            y[n + c] = corners[c][1];
        }
        int[] t = Delaunay.triangulate(x, y);
        double area = 0;
        for (int i = 0; i < t.length; i += 3) {
            area += Math.abs((x[t[i + 1]] - x[t[i]]) * (y[t[i + 2]] - y[t[i]]) - (x[t[i + 2]] - x[t[i]]) * (y[t[i + 1]] - y[t[i]])) / 2;
            for (int p = 0; p < x.length; p++) {
                if (p == t[i] || p == t[i + 1] || p == t[i + 2]) continue;
                assertFalse(inCircumcircle(x, y, t[i], t[i + 1], t[i + 2], p), "point " + p + " inside triangle " + i / 3 + "'s circumcircle");
            }
        }
        assertEquals(100 * 100, area, 1e-6, "the triangles cover the square exactly once");
        assertEquals(2 * (n + 4) - 2 - 4, t.length / 3, "a triangulation of n points with h on the hull has 2n - 2 - h triangles");
    }

    @Test
    void aRepeatedPointIsLeftOut() {
        double[] x = {0, 10, 0, 10, 5, 5}, y = {0, 0, 10, 10, 5, 5};
        int[] t = Delaunay.triangulate(x, y);
        assertEquals(4, t.length / 3);
        for (int i : t) assertNotEquals(5, i);
    }

    private static boolean inCircumcircle(double[] x, double[] y, int a, int b, int c, int p) {
        double ax = x[a] - x[p], ay = y[a] - y[p], bx = x[b] - x[p], by = y[b] - y[p], cx = x[c] - x[p], cy = y[c] - y[p];
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay) + (cx * cx + cy * cy) * (ax * by - bx * ay);
        double orientation = (x[b] - x[a]) * (y[c] - y[a]) - (x[c] - x[a]) * (y[b] - y[a]);
        return (orientation > 0 ? det : -det) > 1e-6;
    }
}
