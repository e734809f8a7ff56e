package org.facesearch.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Converts face vectors to and from the database BLOB encoding, and L2-normalises them.
 *
 * <p>Encoding: {@code dimension * 4} bytes, each component an IEEE-754 float32 in little-endian byte order,
 * component 0 first, no header. The dimension is therefore {@code blob.length / 4}; the model id stored beside
 * the BLOB says which model (and dimension) produced it. Little-endian matches x86/ARM memory order, numpy's
 * {@code '<f4'} and FAISS's input, so a BLOB can be handed to those tools without conversion.
 *
 * <p>Vectors are stored L2-normalised so that squared L2 distance and cosine agree ({@code d² = 2 - 2cos}).
 */
public final class VectorCodec {
    /** One component as stored: float32, little-endian, unaligned (the layout of a BLOB or a mapped vector file). */
    public static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private VectorCodec() {
    }

    /** Encodes all of {@code vector} as little-endian float32. */
    public static byte[] encode(float[] vector) {
        byte[] blob = new byte[vector.length * Float.BYTES];
        MemorySegment.copy(vector, 0, MemorySegment.ofArray(blob), FLOAT_LE, 0, vector.length);
        return blob;
    }

    /** Decodes a BLOB written by {@link #encode}. */
    public static float[] decode(byte[] blob) {
        float[] vector = new float[dimensionOf(blob)];
        decode(blob, vector, 0);
        return vector;
    }

    /**
     * Decodes a BLOB into {@code target} starting at {@code offset}, e.g. into a cluster-contiguous array: one bulk
     * copy (a plain memcpy on little-endian hardware).
     */
    public static void decode(byte[] blob, float[] target, int offset) {
        MemorySegment.copy(MemorySegment.ofArray(blob), FLOAT_LE, 0, target, offset, dimensionOf(blob));
    }

    /** The dimension of an encoded vector; fails if the length is not a multiple of 4. */
    public static int dimensionOf(byte[] blob) {
        if (blob.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("vector BLOB length " + blob.length + " is not a multiple of 4");
        }
        return blob.length / Float.BYTES;
    }

    /** Scales {@code vector} in place to unit L2 norm and returns it; a zero vector has no direction and is refused. */
    public static float[] normalize(float[] vector) {
        double sum = 0;
        for (float x : vector) {
            sum += (double) x * x;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("cannot normalise a vector of norm " + Math.sqrt(sum));
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
