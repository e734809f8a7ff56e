package org.facesearch.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
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
    /** Pairs of the micro-kernel of {@link #squaredL2Tile}: rows a0, a1 x tile rows b0..b3, row-major. */
    private static final int PAIRS = 8;

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
        float sum = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < dimension; i++) {
            float d = a[aOff + i] - b[bOff + i];
            sum += d * d;
        }
        return sum;
    }

    /**
     * Squared Euclidean distances of {@code rowCount} rows of {@code a} (starting at the offsets {@code rows[0..)})
     * to {@code tileCount} rows of {@code b} (offsets {@code tile[0..)}): {@code out[r * tileCount + t]} is
     * {@link #squaredL2(float[], int, float[], int, int) squaredL2}{@code (a, rows[r], b, tile[t], dimension)} bit
     * for bit (the same four accumulators, the same order of additions), so a blocked search and a one-at-a-time
     * search agree exactly, ties included.
     *
     * <p>Why: one row against one centroid loads two vectors per multiply-add; here a micro-kernel of 2 rows x 4
     * tile rows loads 6 vectors for 8 multiply-adds, and a caller that keeps a block of rows and a tile in cache
     * stops streaming every centroid from memory once per face. The micro-kernel makes four passes over the
     * dimension, one per accumulator of {@code squaredL2} (8 live accumulators fit the 16 AVX2 registers; 32 would
     * not), and combines them in {@code squaredL2}'s order. Rows and tile rows left over (an odd row, fewer than 4
     * tile rows) fall back to {@code squaredL2}.
     */
    public static void squaredL2Tile(float[] a, int[] rows, int rowCount, float[] b, int[] tile, int tileCount,
                                     int dimension, float[] out) {
        int step = FLOATS.length();
        float[] partials = new float[4 * PAIRS * step];
        int r = 0;
        for (; r + 2 <= rowCount; r += 2) {
            int t = 0;
            for (; t + 4 <= tileCount; t += 4) {
                pairs(a, rows[r], rows[r + 1], b, tile[t], tile[t + 1], tile[t + 2], tile[t + 3], dimension, partials);
                for (int p = 0; p < PAIRS; p++) {
                    out[(r + p / 4) * tileCount + t + p % 4] = addTail(combine(partials, p, step),
                            a, rows[r + p / 4], b, tile[t + p % 4], dimension);
                }
            }
            for (; t < tileCount; t++) {
                out[r * tileCount + t] = squaredL2(a, rows[r], b, tile[t], dimension);
                out[(r + 1) * tileCount + t] = squaredL2(a, rows[r + 1], b, tile[t], dimension);
            }
        }
        for (; r < rowCount; r++) {
            for (int t = 0; t < tileCount; t++) {
                out[r * tileCount + t] = squaredL2(a, rows[r], b, tile[t], dimension);
            }
        }
    }

    /**
     * The four accumulators of {@code squaredL2} for the 8 pairs of (a0, a1) x (b0..b3): accumulator {@code j} of
     * pair {@code p} at {@code partials[(j * PAIRS + p) * step]}. Accumulator 0 also takes the single-vector
     * chunks after the unrolled part, as in {@code squaredL2}.
     */
    private static void pairs(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int dimension,
                              float[] partials) {
        int step = FLOATS.length();
        int unrolled = dimension - dimension % (4 * step);
        int vectorEnd = dimension - dimension % step;
        Arrays.fill(partials, 0f);
        for (int j = 0; j < 4; j++) {
            accumulate(a, a0, a1, b, b0, b1, b2, b3, j * step, unrolled, 4 * step, partials, j * PAIRS * step);
        }
        accumulate(a, a0, a1, b, b0, b1, b2, b3, unrolled, vectorEnd, step, partials, 0);
    }

    /** One pass of {@link #pairs}: chunks {@code from, from + stride, ... < to} into the 8 accumulators at {@code at}. */
    private static void accumulate(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3,
                                   int from, int to, int stride, float[] partials, int at) {
        int step = FLOATS.length();
        FloatVector s00 = FloatVector.fromArray(FLOATS, partials, at);
        FloatVector s01 = FloatVector.fromArray(FLOATS, partials, at + step);
        FloatVector s02 = FloatVector.fromArray(FLOATS, partials, at + 2 * step);
        FloatVector s03 = FloatVector.fromArray(FLOATS, partials, at + 3 * step);
        FloatVector s10 = FloatVector.fromArray(FLOATS, partials, at + 4 * step);
        FloatVector s11 = FloatVector.fromArray(FLOATS, partials, at + 5 * step);
        FloatVector s12 = FloatVector.fromArray(FLOATS, partials, at + 6 * step);
        FloatVector s13 = FloatVector.fromArray(FLOATS, partials, at + 7 * step);
        for (int i = from; i < to; i += stride) {
            FloatVector x0 = FloatVector.fromArray(FLOATS, a, a0 + i);
            FloatVector x1 = FloatVector.fromArray(FLOATS, a, a1 + i);
            FloatVector c = FloatVector.fromArray(FLOATS, b, b0 + i);
            FloatVector d = x0.sub(c);
            s00 = d.fma(d, s00);
            d = x1.sub(c);
            s10 = d.fma(d, s10);
            c = FloatVector.fromArray(FLOATS, b, b1 + i);
            d = x0.sub(c);
            s01 = d.fma(d, s01);
            d = x1.sub(c);
            s11 = d.fma(d, s11);
            c = FloatVector.fromArray(FLOATS, b, b2 + i);
            d = x0.sub(c);
            s02 = d.fma(d, s02);
            d = x1.sub(c);
            s12 = d.fma(d, s12);
            c = FloatVector.fromArray(FLOATS, b, b3 + i);
            d = x0.sub(c);
            s03 = d.fma(d, s03);
            d = x1.sub(c);
            s13 = d.fma(d, s13);
        }
        s00.intoArray(partials, at);
        s01.intoArray(partials, at + step);
        s02.intoArray(partials, at + 2 * step);
        s03.intoArray(partials, at + 3 * step);
        s10.intoArray(partials, at + 4 * step);
        s11.intoArray(partials, at + 5 * step);
        s12.intoArray(partials, at + 6 * step);
        s13.intoArray(partials, at + 7 * step);
    }

    /** Pair {@code p}'s accumulators summed in {@code squaredL2}'s order: (0 + 1) + (2 + 3), then across lanes. */
    private static float combine(float[] partials, int p, int step) {
        FloatVector acc0 = FloatVector.fromArray(FLOATS, partials, p * step);
        FloatVector acc1 = FloatVector.fromArray(FLOATS, partials, (PAIRS + p) * step);
        FloatVector acc2 = FloatVector.fromArray(FLOATS, partials, (2 * PAIRS + p) * step);
        FloatVector acc3 = FloatVector.fromArray(FLOATS, partials, (3 * PAIRS + p) * step);
        return sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
    }

    /**
     * The sum of the lanes in a fixed order: lanes {@code i} and {@code i + half} added, then the halves of the
     * result, down to lane 0. Not {@code reduceLanes(ADD)}: its order is unspecified and differs between the
     * interpreter and the C2 intrinsic, so one distance came out in two ways in one run (seen: 64.79435 vs
     * 64.79434 for the same pair before and after compilation), and a tie or near-tie could go to a different
     * centroid depending on JIT timing. Lanewise additions are exact IEEE operations wherever they run.
     */
    private static float sumLanes(FloatVector v) {
        for (int half = FLOATS.length() / 2; half > 0; half /= 2) {
            v = v.add(v.rearrange(VectorShuffle.iota(FLOATS, half, 1, true)));
        }
        return v.lane(0);
    }

    /** Adds the components after the last whole vector to {@code sum} one by one, as {@code squaredL2} does. */
    private static float addTail(float sum, float[] a, int aOff, float[] b, int bOff, int dimension) {
        for (int i = dimension - dimension % FLOATS.length(); i < dimension; i++) {
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
     * starting at {@code byteOffset}: vectors kept off-heap or in a memory-mapped file (the CLI's search cache probes
     * its centroids there). The same operations in the same order as
     * {@link #squaredL2(float[], int, float[], int, int)}, so the same value bit for bit: a probe of mapped centroids
     * picks the same lists as one of the same centroids in the heap.
     */
    public static float squaredL2(float[] a, int aOff, MemorySegment segment, long byteOffset, int dimension) {
        int step = FLOATS.length();
        int unrolled = dimension - dimension % (4 * step);
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        for (; i < unrolled; i += 4 * step) {
            FloatVector d0 = FloatVector.fromArray(FLOATS, a, aOff + i).sub(load(segment, byteOffset, i));
            FloatVector d1 = FloatVector.fromArray(FLOATS, a, aOff + i + step).sub(load(segment, byteOffset, i + step));
            FloatVector d2 = FloatVector.fromArray(FLOATS, a, aOff + i + 2 * step)
                    .sub(load(segment, byteOffset, i + 2 * step));
            FloatVector d3 = FloatVector.fromArray(FLOATS, a, aOff + i + 3 * step)
                    .sub(load(segment, byteOffset, i + 3 * step));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
            acc2 = d2.fma(d2, acc2);
            acc3 = d3.fma(d3, acc3);
        }
        for (; i <= dimension - step; i += step) {
            FloatVector d = FloatVector.fromArray(FLOATS, a, aOff + i).sub(load(segment, byteOffset, i));
            acc0 = d.fma(d, acc0);
        }
        float sum = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < dimension; i++) {
            float d = a[aOff + i] - segment.get(FLOAT_LE, byteOffset + (long) i * Float.BYTES);
            sum += d * d;
        }
        return sum;
    }

    private static FloatVector load(MemorySegment segment, long byteOffset, int component) {
        return FloatVector.fromMemorySegment(FLOATS, segment, byteOffset + (long) component * Float.BYTES, LE);
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
