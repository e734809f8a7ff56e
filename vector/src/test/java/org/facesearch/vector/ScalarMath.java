package org.facesearch.vector;

/** Plain-loop reference for {@link VectorMath}, in double precision: used only to test the SIMD kernels. */
final class ScalarMath {
    private ScalarMath() {
    }

    static double squaredL2(float[] a, int aOff, float[] b, int bOff, int dimension) {
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            double d = (double) a[aOff + i] - b[bOff + i];
            sum += d * d;
        }
        return sum;
    }

    static double dot(float[] a, int aOff, float[] b, int bOff, int dimension) {
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            sum += (double) a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    static long squaredL2(byte[] a, int aOff, byte[] b, int bOff, int dimension) {
        long sum = 0;
        for (int i = 0; i < dimension; i++) {
            long d = a[aOff + i] - b[bOff + i];
            sum += d * d;
        }
        return sum;
    }
}
