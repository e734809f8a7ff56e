package org.facesearch.index;

import java.util.Locale;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A query's rotated residual to one probed centroid as 16-entry lookup tables, one per 4-bit group of a face's
 * {@link SignCodes} code, and the RaBitQ distance estimates they give for a block of {@link CodeBlocks}: the
 * asymmetric estimate (query at ~5 bits, faces at 1 bit) that decides which faces are worth an exact re-rank.
 *
 * <p>With the face code's sign vector {@code xbar} (entries {@code ±1/sqrt(D)}), its residual norm {@code |r|}
 * and factor {@code <xbar, r/|r|>}, and the query residual {@code q} (norm {@code |q|}),
 * <pre>
 *   |query - face|^2 = |r|^2 + |q|^2 - 2 |r| &lt;r/|r|, q&gt;  ~  |r|^2 + |q|^2 - 2 |r| &lt;xbar, q&gt; / factor
 * </pre>
 * The query is quantised symmetrically, {@code q_i ~ delta * l_i} with integer levels {@code l_i}, {@code delta}
 * the largest sum of {@code |q_i|} over a group divided by {@value #GROUP_RANGE}. The table of group {@code g}
 * holds, for each nibble {@code v}, {@code sum_t (bit t of v ? max(l, 0) : max(-l, 0))} over the group's four
 * levels {@code l}: at most {@value #GROUP_RANGE} + 2 (rounding), so four tables' entries add up in a byte. A
 * face's sum {@code S} of its nibbles' entries then gives
 * <pre>
 *   sqrt(D) &lt;xbar, q&gt; = delta (2 S - sum_i |l_i|)
 * </pre>
 * The scan looks up 16 faces' nibbles of a group in one shuffle (SSSE3 {@code PSHUFB}, NEON {@code TBL}; four
 * groups in one AVX-512 {@code VPERMB}) instead of counting bits: 1.2-1.7x the QPS of the popcount kernel at 1M
 * faces, and about twice its speed where x86 lacks AVX-512's bit count (BENCHMARKS.md, "The scan kernel: lookup
 * tables"). One per thread of a scan, {@link #prepare}d for each probed list: a query allocates no table per list.
 */
final class LookupQuery {
    /** Largest sum of a group's absolute levels before rounding: 4 tables' entries (<= 63 each) fit a byte. */
    static final int GROUP_RANGE = 61;
    /**
     * 64 bytes (four groups a permute) where the CPU permutes a 512-bit register in one instruction (AVX-512
     * VBMI's {@code VPERMB}: the preferred species is 512-bit), else 16 (one group a {@code PSHUFB}): a wider
     * shuffle on AVX2 crosses 128-bit lanes, which it cannot do in one instruction.
     */
    private static final VectorSpecies<Byte> BYTES =
            ByteVector.SPECIES_PREFERRED.length() == 64 ? ByteVector.SPECIES_512 : ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> SHORTS = BYTES.withLanes(short.class);
    /** Groups one shuffle looks up: each 16-byte part of a vector holds its own group's codes and table. */
    private static final int GROUPS_PER_VECTOR = BYTES.length() / CodeBlocks.GROUP_BYTES;
    /** Added to a nibble to index its part's table: 16 times the part. */
    private static final ByteVector TABLE_OFFSETS =
            ByteVector.zero(BYTES).addIndex(1).lanewise(VectorOperators.AND, (byte) -CodeBlocks.GROUP_BYTES);
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** Added before truncating so that truncation rounds: {@code |r * scale| <= GROUP_RANGE} keeps it positive. */
    private static final int ROUNDING_OFFSET = 64;
    private static final int GROUPS_PER_BYTE_SUM = 4;
    private static final VectorSpecies<Integer> INTS = FLOATS.withLanes(int.class);
    private static final VectorSpecies<Byte> LEVEL_BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(FLOATS, i -> i ^ 1);
    private static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromOp(FLOATS, i -> i ^ 2);
    /** Level {@code t} of the group of each 16-byte part, in every lane of the part. */
    private static final VectorShuffle<Byte> LEVEL_0 = levelOfPart(0);
    private static final VectorShuffle<Byte> LEVEL_1 = levelOfPart(1);
    private static final VectorShuffle<Byte> LEVEL_2 = levelOfPart(2);
    private static final VectorShuffle<Byte> LEVEL_3 = levelOfPart(3);
    /** -1 in the lanes of the entries {@code v} (lane mod 16) whose bit {@code t} is set, else 0. */
    private static final ByteVector BIT_0 = bitOfEntry(0);
    private static final ByteVector BIT_1 = bitOfEntry(1);
    private static final ByteVector BIT_2 = bitOfEntry(2);
    private static final ByteVector BIT_3 = bitOfEntry(3);
    /** 16-bit lanes of a 16-byte part: one a pair of faces. */
    private static final int PART_SHORTS = CodeBlocks.GROUP_BYTES / Short.BYTES;
    /**
     * Largest code of {@code words} longs: a face's table sum, at most 63 a group and 16 groups a long, must fit
     * the 16 bits unsigned of a lane in {@link #sums}.
     */
    static final int MAX_WORDS = 64;

    private final int groups;
    private final float inverseSqrtPadded;
    /** Group {@code g}'s 16 entries at {@code tables[16 g ..]}. */
    private final byte[] tables;
    private final float[] residual;
    /** The levels as bytes, each group's four at {@code 4 g}, padded for a full vector load at the last group. */
    private final byte[] levels;
    /** {@link #sums}' scratch: the 16-bit lanes of two sums. */
    private final short[] lanes = new short[2 * SHORTS.length()];
    private float delta;
    private int levelSum;
    private float squaredNorm;

    /** Tables for codes of {@code words} longs, to be {@link #prepare}d for each list. */
    LookupQuery(int words) {
        if (words < 1 || words > MAX_WORDS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "codes of %d longs; the lookup scan takes 1 to %d (%,d dimensions)",
                    words, MAX_WORDS, MAX_WORDS * Long.SIZE));
        }
        int padded = words * Long.SIZE;
        this.groups = CodeBlocks.groups(words);
        this.inverseSqrtPadded = (float) (1 / Math.sqrt(padded));
        this.tables = new byte[groups * CodeBlocks.GROUP_BYTES];
        this.residual = new float[padded];
        this.levels = new byte[padded + BYTES.length()];
    }

    /** Quantises {@code rotatedQuery - rotatedCentroid} into the tables (replacing the previous list's). */
    void prepare(float[] rotatedQuery, float[] rotatedCentroid) {
        int padded = residual.length;
        FloatVector squared = FloatVector.zero(FLOATS);
        FloatVector widest = squared;
        for (int i = 0; i < padded; i += FLOATS.length()) {
            FloatVector r = FloatVector.fromArray(FLOATS, rotatedQuery, i)
                    .sub(FloatVector.fromArray(FLOATS, rotatedCentroid, i));
            r.intoArray(residual, i);
            squared = r.fma(r, squared);
            // each lane gets the sum of |r| over its group of four
            FloatVector magnitude = r.abs();
            magnitude = magnitude.add(magnitude.rearrange(SWAP_PAIRS));
            widest = widest.max(magnitude.add(magnitude.rearrange(SWAP_HALVES)));
        }
        float widestSum = widest.reduceLanes(VectorOperators.MAX);
        this.squaredNorm = squared.reduceLanes(VectorOperators.ADD);
        this.delta = widestSum / GROUP_RANGE;
        float scale = widestSum > 0 ? GROUP_RANGE / widestSum : 0;
        IntVector levelSums = IntVector.zero(INTS);
        for (int i = 0; i < padded; i += FLOATS.length()) {
            // round(residual[i] * scale): truncation of a positive value, then the offset back
            IntVector level = ((IntVector) FloatVector.fromArray(FLOATS, residual, i).mul(scale)
                    .add(ROUNDING_OFFSET + 0.5f).convert(VectorOperators.F2I, 0)).sub(ROUNDING_OFFSET);
            levelSums = levelSums.add(level.abs());
            ((ByteVector) level.convertShape(VectorOperators.I2B, LEVEL_BYTES, 0)).intoArray(levels, i);
        }
        this.levelSum = levelSums.reduceLanes(VectorOperators.ADD);
        for (int g = 0; g < groups; g += GROUPS_PER_VECTOR) {
            ByteVector level = ByteVector.fromArray(BYTES, levels, 4 * g);
            entries(level, LEVEL_0, BIT_0).add(entries(level, LEVEL_1, BIT_1))
                    .add(entries(level, LEVEL_2, BIT_2)).add(entries(level, LEVEL_3, BIT_3))
                    .intoArray(tables, g * CodeBlocks.GROUP_BYTES);
        }
    }

    /**
     * Level {@code t} of each part's group's contribution to the part's 16 entries: its magnitude where entry
     * {@code v}'s bit {@code t} agrees with its sign ({@code bit} is -1 where bit {@code t} of {@code v} is set).
     */
    private static ByteVector entries(ByteVector levels, VectorShuffle<Byte> levelT, ByteVector bit) {
        ByteVector level = levels.rearrange(levelT);
        return level.and(bit).add(level.neg().max((byte) 0));
    }

    /**
     * The table sums {@code S} of the {@value CodeBlocks#BLOCK} faces of the block at {@code blocks[offset ..]}:
     * face {@code j}'s into {@code sums[j]}. Four groups' entries add up in bytes, then widen into two 16-bit sums
     * a lane: all of a lane's two bytes, and its high byte alone, so the low byte's is their difference.
     */
    void sums(byte[] blocks, int offset, int[] sums) {
        ShortVector lowAll = ShortVector.zero(SHORTS);
        ShortVector lowHigh = lowAll;
        ShortVector highAll = lowAll;
        ShortVector highHigh = lowAll;
        int step = GROUPS_PER_VECTOR;
        for (int g = 0; g < groups; g += GROUPS_PER_BYTE_SUM * step) {
            ByteVector low = ByteVector.zero(BYTES);
            ByteVector high = low;
            for (int t = g; t < g + GROUPS_PER_BYTE_SUM * step; t += step) {
                ByteVector codes = ByteVector.fromArray(BYTES, blocks, offset + t * CodeBlocks.GROUP_BYTES);
                ByteVector table = ByteVector.fromArray(BYTES, tables, t * CodeBlocks.GROUP_BYTES);
                low = low.add(codes.and((byte) 0x0F).or(TABLE_OFFSETS).selectFrom(table));
                high = high.add(codes.lanewise(VectorOperators.LSHR, 4).or(TABLE_OFFSETS).selectFrom(table));
            }
            ShortVector l = low.reinterpretAsShorts();
            ShortVector h = high.reinterpretAsShorts();
            lowAll = lowAll.add(l);
            lowHigh = lowHigh.add(l.lanewise(VectorOperators.LSHR, 8));
            highAll = highAll.add(h);
            highHigh = highHigh.add(h.lanewise(VectorOperators.LSHR, 8));
        }
        widen(lowAll, lowHigh, sums, 0);
        widen(highAll, highHigh, sums, CodeBlocks.GROUP_BYTES);
    }

    /**
     * Faces {@code from + 2i} (low bytes) and {@code from + 2i + 1} (high bytes) of 16-bit lane {@code i} of each
     * 16-byte part, added over the parts.
     */
    private void widen(ShortVector all, ShortVector highBytes, int[] sums, int from) {
        int length = SHORTS.length();
        all.intoArray(lanes, 0);
        highBytes.intoArray(lanes, length);
        for (int i = 0; i < PART_SHORTS; i++) {
            int sum = 0;
            int high = 0;
            for (int at = i; at < length; at += PART_SHORTS) {
                int highPart = lanes[length + at] & 0xFFFF;
                sum += lanes[at] - (highPart << 8) & 0xFFFF;
                high += highPart;
            }
            sums[from + 2 * i] = sum;
            sums[from + 2 * i + 1] = high;
        }
    }

    private static VectorShuffle<Byte> levelOfPart(int t) {
        return VectorShuffle.fromOp(BYTES, i -> 4 * (i / CodeBlocks.GROUP_BYTES) + t);
    }

    private static ByteVector bitOfEntry(int t) {
        return ByteVector.zero(BYTES).addIndex(1).lanewise(VectorOperators.AND, (byte) (1 << t))
                .compare(VectorOperators.NE, 0).toVector().reinterpretAsBytes();
    }

    /**
     * The estimated squared distances of a block's faces, a vector of faces at a time: face {@code j}'s from its
     * table sum {@code sums[j]} ({@link #sums}) and its norm and factor in the {@link ScalarBlocks} layout of the
     * block starting at {@code scalars[offset]}, into {@code estimates[j]}, as the class comment's formula gives
     * them ({@code norm^2 + |q|^2 - 2 norm dot / factor}). Returns bit {@code j} set where face {@code j}'s
     * estimate is at most {@code threshold}: the faces a scan offers to its top k (a NaN, from a block's unused
     * zero scalars, is never below).
     */
    long below(int[] sums, float[] scalars, int offset, float threshold, float[] estimates) {
        long bits = 0;
        for (int j = 0; j < CodeBlocks.BLOCK; j += FLOATS.length()) {
            FloatVector levels = (FloatVector) IntVector.fromArray(INTS, sums, j).mul(2).sub(levelSum)
                    .convert(VectorOperators.I2F, 0);
            FloatVector dot = levels.mul(delta).mul(inverseSqrtPadded);
            FloatVector norm = FloatVector.fromArray(FLOATS, scalars, offset + j);
            FloatVector factor = FloatVector.fromArray(FLOATS, scalars, offset + CodeBlocks.BLOCK + j);
            FloatVector estimate = norm.mul(norm).add(squaredNorm).sub(norm.mul(2).mul(dot).div(factor));
            estimate.intoArray(estimates, j);
            bits |= estimate.compare(VectorOperators.LE, threshold).toLong() << j;
        }
        return bits;
    }

}
