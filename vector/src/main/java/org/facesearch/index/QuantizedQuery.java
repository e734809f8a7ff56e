package org.facesearch.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A query's rotated residual to one probed centroid, quantised to {@value #BITS} bits a component, and the
 * RaBitQ distance estimate it gives against each face's {@link SignCodes} code: the asymmetric estimate (query
 * at 4 bits, faces at 1 bit) that decides which faces are worth an exact re-rank.
 *
 * <p>With the face code's sign vector {@code xbar} (entries {@code ±1/sqrt(D)}), its residual norm {@code |r|}
 * and factor {@code <xbar, r/|r|>}, and the query residual {@code q} (norm {@code |q|}),
 * <pre>
 *   |query - face|^2 = |r|^2 + |q|^2 - 2 |r| &lt;r/|r|, q&gt;  ~  |r|^2 + |q|^2 - 2 |r| &lt;xbar, q&gt; / factor
 * </pre>
 * The query's components are stored as levels {@code u_i} in 0..15 ({@code q_i ~ low + step u_i}), split into
 * four bit planes like the code, so that {@code <xbar, q>} needs only popcounts:
 * <pre>
 *   sqrt(D) &lt;xbar, q&gt; = low (2 ones - D) + step (2 sum_j 2^j popcount(bits &amp; plane_j) - sum_i u_i)
 * </pre>
 * where {@code ones = popcount(bits)}. That is five popcounts a word instead of the one of a Hamming distance,
 * done on 512-bit vectors (VPOPCNTQ), on the same 128 bytes a 1024-d face, so the scan stays bound by reading
 * the codes; the estimate is far closer than the Hamming angle's (SignCodesTest), so fewer candidates hold the
 * true neighbours. One per query and probed list; immutable.
 */
final class QuantizedQuery {
    static final int BITS = 4;
    private static final int LEVELS = (1 << BITS) - 1;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    /** Lanes of the quantising; at most 64 so that a mask's lanes fall inside one plane word. */
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    private final int words;
    private final int padded;
    /** Plane {@code j} (bit {@code j} of every component's level) at {@code planes[j * words ..]}. */
    private final long[] planes;
    private final float low;
    private final float step;
    private final int levelSum;
    private final float squaredNorm;
    private final float inverseSqrtPadded;
    private final boolean vectorised;

    /** Quantises {@code rotatedQuery - rotatedCentroid} ({@code words * 64} components). */
    QuantizedQuery(float[] rotatedQuery, float[] rotatedCentroid, int words) {
        this(rotatedQuery, rotatedCentroid, words, words * Long.SIZE % FLOATS.length() == 0);
    }

    /**
     * As above, quantising with the Vector API or with its scalar twin (the same arithmetic in the same order, so
     * the levels and planes are identical; only {@link #squaredNorm} is summed in another order).
     */
    QuantizedQuery(float[] rotatedQuery, float[] rotatedCentroid, int words, boolean vectorisedQuantising) {
        this.words = words;
        this.padded = words * Long.SIZE;
        float[] residual = new float[padded];
        float[] stats = vectorisedQuantising
                ? residualVectorised(rotatedQuery, rotatedCentroid, residual)
                : residualScalar(rotatedQuery, rotatedCentroid, residual);
        float min = stats[0];
        float max = stats[1];
        this.low = min;
        this.step = max > min ? (max - min) / LEVELS : 0f;
        // level = round((r - low) / step), computed as a truncated (r - low) * scale + 0.5 in both twins
        float scale = max > min ? LEVELS / (max - min) : 0f;
        this.planes = new long[BITS * words];
        this.levelSum = vectorisedQuantising ? planesVectorised(residual, min, scale) : planesScalar(residual, min, scale);
        this.squaredNorm = stats[2];
        this.inverseSqrtPadded = (float) (1 / Math.sqrt(padded));
        this.vectorised = words % LONGS.length() == 0;
    }

    /** Writes the residual; returns its minimum, maximum and squared norm. */
    private float[] residualScalar(float[] query, float[] centroid, float[] residual) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float squared = 0;
        for (int i = 0; i < padded; i++) {
            float r = query[i] - centroid[i];
            residual[i] = r;
            min = Math.min(min, r);
            max = Math.max(max, r);
            squared += r * r;
        }
        return new float[] {min, max, squared};
    }

    private float[] residualVectorised(float[] query, float[] centroid, float[] residual) {
        FloatVector min = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
        FloatVector max = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
        FloatVector squared = FloatVector.zero(FLOATS);
        for (int i = 0; i < padded; i += FLOATS.length()) {
            FloatVector r = FloatVector.fromArray(FLOATS, query, i).sub(FloatVector.fromArray(FLOATS, centroid, i));
            r.intoArray(residual, i);
            min = min.min(r);
            max = max.max(r);
            squared = r.fma(r, squared);
        }
        return new float[] {min.reduceLanes(VectorOperators.MIN), max.reduceLanes(VectorOperators.MAX),
                squared.reduceLanes(VectorOperators.ADD)};
    }

    /** Sets the bit planes of the levels; returns the sum of the levels. */
    private int planesScalar(float[] residual, float low, float scale) {
        int sum = 0;
        for (int i = 0; i < padded; i++) {
            int level = (int) ((residual[i] - low) * scale + 0.5f);
            sum += level;
            for (int j = 0; j < BITS; j++) {
                planes[j * words + i / Long.SIZE] |= (long) (level >>> j & 1) << (i % Long.SIZE);
            }
        }
        return sum;
    }

    /** One mask a plane per vector of levels: {@code toLong} packs a lane's bit where the scalar twin shifts it. */
    private int planesVectorised(float[] residual, float low, float scale) {
        IntVector sum = IntVector.zero(INTS);
        for (int i = 0; i < padded; i += FLOATS.length()) {
            IntVector level = (IntVector) FloatVector.fromArray(FLOATS, residual, i).sub(low).mul(scale).add(0.5f)
                    .convert(VectorOperators.F2I, 0);
            sum = sum.add(level);
            for (int j = 0; j < BITS; j++) {
                long bits = level.and(1 << j).compare(VectorOperators.NE, 0).toLong();
                planes[j * words + i / Long.SIZE] |= bits << (i % Long.SIZE);
            }
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /** Estimated squared distance to the face whose code is at {@code codes[offset..]}, with its two scalars. */
    float estimate(long[] codes, int offset, float norm, float factor) {
        long counts = vectorised ? countsVectorised(codes, offset) : countsScalar(codes, offset);
        int ones = (int) (counts >>> 32);
        int weighted = (int) counts;
        float dot = (low * (2 * ones - padded) + step * (2 * weighted - levelSum)) * inverseSqrtPadded;
        return norm * norm + squaredNorm - 2 * norm * dot / factor;
    }

    /** {@code popcount(bits) << 32 | sum_j 2^j popcount(bits & plane_j)}. */
    private long countsScalar(long[] codes, int offset) {
        long counts = 0;
        for (int w = 0; w < words; w++) {
            long bits = codes[offset + w];
            counts += (long) Long.bitCount(bits) << 32;
            for (int j = 0; j < BITS; j++) {
                counts += (long) Long.bitCount(bits & planes[j * words + w]) << j;
            }
        }
        return counts;
    }

    private long countsVectorised(long[] codes, int offset) {
        LongVector sum = LongVector.zero(LONGS);
        for (int w = 0; w < words; w += LONGS.length()) {
            LongVector bits = LongVector.fromArray(LONGS, codes, offset + w);
            sum = sum.add(bits.lanewise(VectorOperators.BIT_COUNT).lanewise(VectorOperators.LSHL, 32))
                    .add(bits.and(LongVector.fromArray(LONGS, planes, w)).lanewise(VectorOperators.BIT_COUNT))
                    .add(bits.and(LongVector.fromArray(LONGS, planes, words + w)).lanewise(VectorOperators.BIT_COUNT)
                            .lanewise(VectorOperators.LSHL, 1))
                    .add(bits.and(LongVector.fromArray(LONGS, planes, 2 * words + w)).lanewise(VectorOperators.BIT_COUNT)
                            .lanewise(VectorOperators.LSHL, 2))
                    .add(bits.and(LongVector.fromArray(LONGS, planes, 3 * words + w)).lanewise(VectorOperators.BIT_COUNT)
                            .lanewise(VectorOperators.LSHL, 3));
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
