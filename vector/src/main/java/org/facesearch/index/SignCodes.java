package org.facesearch.index;

import java.util.SplittableRandom;

/**
 * 1-bit codes of a face's offset from its cluster centroid, and the distance estimate a scan computes from them
 * with XOR and popcount: the first, cheap pass of a search (see {@link CandidateScan}).
 *
 * <p>Encoding. A vector is first rotated: random signs, then a normalised fast Walsh-Hadamard transform over
 * {@code padded = max(64, next power of two >= dimension)} components (zero-padded). The rotation is orthonormal,
 * so it keeps distances and norms, and it spreads every direction over all components, so that the sign of a
 * component behaves like the side of a random hyperplane whatever the data's own axes are (face embeddings are
 * far from isotropic). The code of a face {@code x} in cluster {@code c} is then
 * <pre>
 *   r    = R x - R c                      (rotated residual; R c is precomputed per cluster)
 *   bits = sign(r_i > 0), i = 0..padded   (padded / 64 longs, component i in bit i % 64 of word i / 64)
 *   norm = |r| = |x - c|
 * </pre>
 * 128 bytes + 4 for a 1024-d face (32x less than float32).
 *
 * <p>Estimate. For a query {@code q} the same is computed relative to each probed centroid. Two random
 * hyperplanes disagree with probability {@code angle / pi} (Charikar's SimHash), so with {@code h} differing bits
 * the angle between the residuals is about {@code pi * h / padded}, and
 * <pre>
 *   |q - x|^2 = |q - c|^2 + |x - c|^2 - 2 |q - c| |x - c| cos(angle)  ~  qNorm^2 + norm^2 - 2 qNorm norm cos(pi h / padded)
 * </pre>
 * The estimate's angular error is about {@code pi * sqrt(p(1-p) / padded)} (0.05 rad at 1024 bits), far too coarse to
 * order the final ten but good enough to keep the true neighbours among the best few hundred candidates, which
 * are then measured exactly. Immutable and thread-safe; the rotation is fixed by {@link #SEED}.
 */
public final class SignCodes {
    /** Fixes the rotation: codes are only compared with codes of the same process, but runs stay reproducible. */
    private static final long SEED = 0x51C0DE5L;

    private final int dimension;
    private final int padded;
    private final float[] signs;
    private final float[] cosines;

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
        this.cosines = new float[padded + 1];
        for (int h = 0; h <= padded; h++) {
            cosines[h] = (float) Math.cos(Math.PI * h / padded);
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
     * Writes the code of the residual {@code rotated - rotatedCentroid} into {@code codes[codeOffset..)} and
     * returns its norm.
     */
    public float encode(float[] rotated, float[] rotatedCentroid, long[] codes, int codeOffset) {
        double squaredNorm = 0;
        for (int word = 0; word < words(); word++) {
            long bits = 0;
            for (int bit = 0; bit < Long.SIZE; bit++) {
                int i = word * Long.SIZE + bit;
                float residual = rotated[i] - rotatedCentroid[i];
                squaredNorm += (double) residual * residual;
                bits |= (residual > 0 ? 1L : 0L) << bit;
            }
            codes[codeOffset + word] = bits;
        }
        return (float) Math.sqrt(squaredNorm);
    }

    /** Estimated squared distance of two residuals of the given norms whose codes differ in {@code hamming} bits. */
    public float estimate(float queryNorm, float faceNorm, int hamming) {
        return queryNorm * queryNorm + faceNorm * faceNorm - 2 * queryNorm * faceNorm * cosines[hamming];
    }
}
