package org.facesearch.index;

/**
 * The scan's layout of the two scalars of each face of a list (residual norm and factor, {@link SignCodes}):
 * per block of {@value CodeBlocks#BLOCK} faces, the block's 32 norms, then its 32 factors. A vector load then
 * takes the norms (or factors) of 8-16 consecutive faces of a block, so {@link LookupQuery#below} estimates a
 * block's faces a vector at a time; interleaved pairs would need a shuffle per load.
 *
 * <p>Encoding. Face {@code p}'s norm is at {@code 64 (p / 32) + p % 32}, its factor 32 floats further. A list of
 * {@code n} faces takes {@code 64 * ceil(n / 32)} floats ({@link #length}); the positions past {@code n} are
 * zeros (or a removed face's values) and never reported. Stateless.
 */
public final class ScalarBlocks {
    /** Floats a block: its norms, then its factors. */
    static final int BLOCK_FLOATS = CandidateScan.SCALARS * CodeBlocks.BLOCK;

    private ScalarBlocks() {
    }

    /** Floats that hold the scalars of {@code faces} faces: whole blocks. */
    public static int length(int faces) {
        return Math.multiplyExact(Math.ceilDiv(faces, CodeBlocks.BLOCK), BLOCK_FLOATS);
    }

    /** Writes face {@code position}'s norm and factor. */
    public static void put(float[] scalars, int position, float norm, float factor) {
        int at = normAt(position);
        scalars[at] = norm;
        scalars[at + CodeBlocks.BLOCK] = factor;
    }

    public static float norm(float[] scalars, int position) {
        return scalars[normAt(position)];
    }

    public static float factor(float[] scalars, int position) {
        return scalars[factorAt(position)];
    }

    /** Where block {@code block}'s norms start; its factors start {@value CodeBlocks#BLOCK} floats further. */
    static int blockAt(int block) {
        return block * BLOCK_FLOATS;
    }

    /** Where face {@code position}'s norm is. */
    static int normAt(int position) {
        return blockAt(position / CodeBlocks.BLOCK) + position % CodeBlocks.BLOCK;
    }

    /** Where face {@code position}'s factor is. */
    static int factorAt(int position) {
        return normAt(position) + CodeBlocks.BLOCK;
    }
}
