package org.facesearch.index;

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
        this.words = words;
        this.padded = words * Long.SIZE;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double squared = 0;
        float[] residual = new float[padded];
        for (int i = 0; i < padded; i++) {
            residual[i] = rotatedQuery[i] - rotatedCentroid[i];
            min = Math.min(min, residual[i]);
            max = Math.max(max, residual[i]);
            squared += (double) residual[i] * residual[i];
        }
        this.low = min;
        this.step = max > min ? (max - min) / LEVELS : 0f;
        this.planes = new long[BITS * words];
        int sum = 0;
        for (int i = 0; i < padded; i++) {
            int level = step == 0 ? 0 : Math.round((residual[i] - min) / step);
            sum += level;
            for (int j = 0; j < BITS; j++) {
                planes[j * words + i / Long.SIZE] |= (long) (level >>> j & 1) << (i % Long.SIZE);
            }
        }
        this.levelSum = sum;
        this.squaredNorm = (float) squared;
        this.inverseSqrtPadded = (float) (1 / Math.sqrt(padded));
        this.vectorised = words % LONGS.length() == 0;
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
