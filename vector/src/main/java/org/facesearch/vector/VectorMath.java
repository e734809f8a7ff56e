package org.facesearch.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Distance kernels on the JDK Vector API ({@code jdk.incubator.vector}); the hot path of search and assignment.
 *
 * <p>Every kernel reads {@code dimension} components from contiguous storage at an offset, so callers keep
 * whole clusters in one {@code float[]} (or one {@code byte[]} of int8 codes, or a memory-mapped file) and never
 * build {@code float[][]} or boxed values. The float kernels use four independent accumulators so that the FMA
 * latency is hidden (the same trick as Lucene's {@code PanamaVectorUtilSupport}); the order of additions
 * therefore differs from a plain loop and results differ from a scalar sum in the last bits (tests compare with
 * a tolerance). Tails shorter than one vector are handled by a scalar loop, so any dimension works.
 *
 * <p>The species is the platform's preferred one (512 bits with AVX-512, 256 with AVX2). Without
 * {@code --add-modules jdk.incubator.vector} this class fails to load: that is deliberate, a silent scalar
 * fallback would hide a 5-10x slowdown.
 */
public final class VectorMath {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Bytes loaded per step of the int8 kernel: one byte per int lane, widened with B2I. */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.vectorBitSize() / 4));
    private static final ValueLayout.OfFloat FLOAT_LE = VectorCodec.FLOAT_LE;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;  // the byte order of VectorCodec.FLOAT_LE, for the SIMD loads

    private VectorMath() {
    }

    /** Squared Euclidean distance between {@code a[aOff..aOff+dimension)} and {@code b[bOff..bOff+dimension)}. */
    public static float squaredL2(float[] a, int aOff, float[] b, int bOff, int dimension) {
        int step = FLOATS.length();
        int unrolled = dimension - dimension % (4 * step);
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        for (; i < unrolled; i += 4 * step) {
            FloatVector d0 = FloatVector.fromArray(FLOATS, a, aOff + i).sub(FloatVector.fromArray(FLOATS, b, bOff + i));
            FloatVector d1 = FloatVector.fromArray(FLOATS, a, aOff + i + step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOff + i + step));
            FloatVector d2 = FloatVector.fromArray(FLOATS, a, aOff + i + 2 * step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOff + i + 2 * step));
            FloatVector d3 = FloatVector.fromArray(FLOATS, a, aOff + i + 3 * step)
                    .sub(FloatVector.fromArray(FLOATS, b, bOff + i + 3 * step));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
            acc2 = d2.fma(d2, acc2);
            acc3 = d3.fma(d3, acc3);
        }
        for (; i <= dimension - step; i += step) {
            FloatVector d = FloatVector.fromArray(FLOATS, a, aOff + i).sub(FloatVector.fromArray(FLOATS, b, bOff + i));
            acc0 = d.fma(d, acc0);
        }
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            float d = a[aOff + i] - b[bOff + i];
            sum += d * d;
        }
        return sum;
    }

    /** Dot product of {@code a[aOff..aOff+dimension)} and {@code b[bOff..bOff+dimension)}. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int dimension) {
        int step = FLOATS.length();
        int unrolled = dimension - dimension % (4 * step);
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        for (; i < unrolled; i += 4 * step) {
            acc0 = FloatVector.fromArray(FLOATS, a, aOff + i).fma(FloatVector.fromArray(FLOATS, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(FLOATS, a, aOff + i + step)
                    .fma(FloatVector.fromArray(FLOATS, b, bOff + i + step), acc1);
            acc2 = FloatVector.fromArray(FLOATS, a, aOff + i + 2 * step)
                    .fma(FloatVector.fromArray(FLOATS, b, bOff + i + 2 * step), acc2);
            acc3 = FloatVector.fromArray(FLOATS, a, aOff + i + 3 * step)
                    .fma(FloatVector.fromArray(FLOATS, b, bOff + i + 3 * step), acc3);
        }
        for (; i <= dimension - step; i += step) {
            acc0 = FloatVector.fromArray(FLOATS, a, aOff + i).fma(FloatVector.fromArray(FLOATS, b, bOff + i), acc0);
        }
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /**
     * Squared Euclidean distance between {@code a[aOff..)} and little-endian float32 values in {@code segment}
     * starting at {@code byteOffset}: the exact re-rank against vectors kept off-heap or in a memory-mapped file.
     */
    public static float squaredL2(float[] a, int aOff, MemorySegment segment, long byteOffset, int dimension) {
        int step = FLOATS.length();
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        int i = 0;
        for (; i <= dimension - 2 * step; i += 2 * step) {
            FloatVector d0 = FloatVector.fromArray(FLOATS, a, aOff + i)
                    .sub(FloatVector.fromMemorySegment(FLOATS, segment, byteOffset + (long) i * Float.BYTES, LE));
            FloatVector d1 = FloatVector.fromArray(FLOATS, a, aOff + i + step)
                    .sub(FloatVector.fromMemorySegment(FLOATS, segment, byteOffset + (long) (i + step) * Float.BYTES, LE));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            float d = a[aOff + i] - segment.get(FLOAT_LE, byteOffset + (long) i * Float.BYTES);
            sum += d * d;
        }
        return sum;
    }

    /**
     * Squared Euclidean distance between two int8 code vectors, exact in {@code int} (each term is at most
     * 255², so up to 33,000 dimensions cannot overflow). Multiply by the quantiser's step² for float units.
     */
    public static int squaredL2(byte[] a, int aOff, byte[] b, int bOff, int dimension) {
        int step = BYTES.length();
        IntVector acc0 = IntVector.zero(INTS);
        IntVector acc1 = IntVector.zero(INTS);
        int i = 0;
        for (; i <= dimension - 2 * step; i += 2 * step) {
            IntVector d0 = widen(a, aOff + i).sub(widen(b, bOff + i));
            IntVector d1 = widen(a, aOff + i + step).sub(widen(b, bOff + i + step));
            acc0 = acc0.add(d0.mul(d0));
            acc1 = acc1.add(d1.mul(d1));
        }
        int sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            int d = a[aOff + i] - b[bOff + i];
            sum += d * d;
        }
        return sum;
    }

    /**
     * Number of differing bits between {@code a[aOff..aOff+words)} and {@code b[bOff..bOff+words)}: the 1-bit
     * code distance. {@link Long#bitCount} compiles to the POPCNT instruction.
     */
    public static int hamming(long[] a, int aOff, long[] b, int bOff, int words) {
        int sum = 0;
        for (int i = 0; i < words; i++) {
            sum += Long.bitCount(a[aOff + i] ^ b[bOff + i]);
        }
        return sum;
    }

    private static IntVector widen(byte[] codes, int offset) {
        return (IntVector) ByteVector.fromArray(BYTES, codes, offset).convertShape(VectorOperators.B2I, INTS, 0);
    }
}
