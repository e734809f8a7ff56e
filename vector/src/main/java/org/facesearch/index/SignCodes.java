package org.facesearch.index;

import java.util.SplittableRandom;

/**
 * 1-bit RaBitQ codes of a face's offset from its cluster centroid: the first, cheap pass of a search (see
 * {@link CandidateScan}); the distance estimate against a query is {@link LookupQuery}'s.
 *
 * <p>Encoding. A vector is first rotated: random signs, then a normalised fast Walsh-Hadamard transform over
 * {@code padded = max(64, next power of two >= dimension)} components (zero-padded). The rotation is orthonormal,
 * so it keeps distances and norms, and it spreads every direction over all components, so that the sign of a
 * component carries about the same information whatever the data's own axes are (face embeddings are far from
 * isotropic). The code of a face {@code x} in cluster {@code c} is then
 * <pre>
 *   r      = R x - R c                          (rotated residual; R c is precomputed per cluster)
 *   bits   = sign(r_i > 0), i = 0..padded       (padded / 64 longs, component i in bit i % 64 of word i / 64)
 *   norm   = |r| = |x - c|
 *   factor = &lt;xbar, r / |r|&gt; = sum |r_i| / (|r| sqrt(padded)),  xbar_i = (2 bits_i - 1) / sqrt(padded)
 * </pre>
 * {@code xbar} is the unit vector of signs closest to the residual's direction; {@code factor} (between
 * {@code 1/sqrt(padded)} and 1, about 0.8 for residuals that look random after the rotation) is how far it is
 * from that direction, which RaBitQ (Gao and Long, SIGMOD 2024) uses to make the inner-product estimate
 * unbiased: {@code <r/|r|, q> ~ <xbar, q> / factor}. 128 bytes of bits + two floats = 136 bytes a 1024-d face
 * (30x less than float32), the layout both the heap index and the database store.
 *
 * <p>Immutable and thread-safe; the rotation is fixed by {@link #SEED}, so codes written by one process are
 * read by another.
 */
public final class SignCodes {
    /** Fixes the rotation: stored codes stay valid across processes and versions (changing it invalidates them). */
    private static final long SEED = 0x51C0DE5L;

    private final int dimension;
    private final int padded;
    private final float[] signs;

    public SignCodes(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension " + dimension);
        }
        this.dimension = dimension;
        int size = Long.SIZE;
        while (size < dimension) {
            size <<= 1;
        }
        this.padded = size;
        SplittableRandom random = new SplittableRandom(SEED);
        this.signs = new float[padded];
        for (int i = 0; i < padded; i++) {
            signs[i] = random.nextBoolean() ? 1f : -1f;
        }
    }

    public int dimension() {
        return dimension;
    }

    /** Components of a rotated vector (the dimension padded to a power of two, at least 64). */
    public int padded() {
        return padded;
    }

    /** Longs per code. */
    public int words() {
        return padded / Long.SIZE;
    }

    /** The rotated copy of {@code vector[offset..offset+dimension)} ({@link #padded} floats). */
    public float[] rotate(float[] vector, int offset) {
        float[] rotated = new float[padded];
        for (int i = 0; i < dimension; i++) {
            rotated[i] = vector[offset + i] * signs[i];
        }
        for (int half = 1; half < padded; half <<= 1) {
            for (int block = 0; block < padded; block += half << 1) {
                for (int i = block; i < block + half; i++) {
                    float a = rotated[i];
                    float b = rotated[i + half];
                    rotated[i] = a + b;
                    rotated[i + half] = a - b;
                }
            }
        }
        float scale = (float) (1 / Math.sqrt(padded));
        for (int i = 0; i < padded; i++) {
            rotated[i] *= scale;
        }
        return rotated;
    }

    /**
     * Writes the code of the residual {@code rotated - rotatedCentroid} into {@code codes[codeOffset..)} and its
     * norm and factor into {@code scalars[scalarOffset]} and {@code scalars[scalarOffset + 1]}.
     */
    public void encode(float[] rotated, float[] rotatedCentroid, long[] codes, int codeOffset, float[] scalars,
            int scalarOffset) {
        double squaredNorm = 0;
        double absoluteSum = 0;
        for (int word = 0; word < words(); word++) {
            long bits = 0;
            for (int bit = 0; bit < Long.SIZE; bit++) {
                int i = word * Long.SIZE + bit;
                float residual = rotated[i] - rotatedCentroid[i];
                squaredNorm += (double) residual * residual;
                absoluteSum += Math.abs(residual);
                bits |= (residual > 0 ? 1L : 0L) << bit;
            }
            codes[codeOffset + word] = bits;
        }
        double norm = Math.sqrt(squaredNorm);
        scalars[scalarOffset] = (float) norm;
        scalars[scalarOffset + 1] = norm == 0 ? 1f : (float) (absoluteSum / (norm * Math.sqrt(padded)));
    }
}
