package org.facesearch.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Converts face vectors to and from the database BLOB encoding, and L2-normalises them.
 *
 * <p>Two encodings, told apart by the BLOB's length, both bit-exact (every float, {@code -0.0} and NaN included,
 * reads back with the bits it was written with):
 * <ul>
 * <li><b>float32</b>: {@code dimension * 4} bytes, each component an IEEE-754 float32 in little-endian byte order,
 * component 0 first, no header; the length is a multiple of 4. This is also the layout of vector files
 * ({@code import --vectors}, {@code faces --vectors}): little-endian matches x86/ARM memory order, numpy's
 * {@code '<f4'} and FAISS's input.
 * <li><b>sparse</b>: the dimension as an unsigned 16-bit little-endian integer; then {@code ceil(dimension / 32)}
 * 32-bit little-endian words, bit {@code b} of word {@code w} set when component {@code 32w + b} is not
 * {@code +0.0}; then those components as little-endian float32, in component order. Its length,
 * {@code 2 + 4 * words + 4 * nonZero}, is 2 more than a multiple of 4, so never a float32 length.
 * </ul>
 * {@link #encode} writes whichever is shorter. Face embeddings that end in a ReLU, as faceres' do, are about a third
 * exact zeros (32.5% of 128 real faceres vectors; none negative), so their BLOB is ~2.9 KB instead of 4 KB at
 * 1024-d, which keeps a face under 5 KB on disk without page compression (BENCHMARKS.md, issue 13). Centroids and
 * dense embeddings stay float32. The model id stored beside the BLOB says which model (and dimension) produced it.
 *
 * <p>Vectors are stored L2-normalised so that squared L2 distance and cosine agree ({@code d² = 2 - 2cos}).
 */
public final class VectorCodec {
    /** One component as stored: float32, little-endian, unaligned (the layout of a BLOB or a mapped vector file). */
    public static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** The largest dimension the sparse encoding can name; larger vectors are always float32. */
    static final int MAX_SPARSE_DIMENSION = 0xFFFF;
    private static final int HEADER = 2;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private VectorCodec() {
    }

    /** Encodes all of {@code vector} as a BLOB, sparse or float32, whichever is shorter. */
    public static byte[] encode(float[] vector) {
        return encode(float32(vector), 0, vector.length);
    }

    /**
     * Encodes the float32 row of {@code dimension} components at {@code offset} of {@code rows} (a vector file's
     * layout) as a BLOB, sparse or float32, whichever is shorter, working on the components' bits without decoding
     * them.
     */
    public static byte[] encode(byte[] rows, int offset, int dimension) {
        int nonZero = 0;
        for (int i = 0; i < dimension; i++) {
            nonZero += (int) INT_LE.get(rows, offset + i * Float.BYTES) != 0 ? 1 : 0;
        }
        if (!sparseIsShorter(dimension, nonZero)) {
            return Arrays.copyOfRange(rows, offset, offset + dimension * Float.BYTES);
        }
        byte[] blob = sparseBlob(dimension, nonZero);
        int values = valuesOffset(dimension);
        for (int i = 0; i < dimension; i++) {
            int bits = (int) INT_LE.get(rows, offset + i * Float.BYTES);
            if (bits != 0) {
                values = putComponent(blob, i, bits, values);
            }
        }
        return blob;
    }

    /** {@code vector} as little-endian float32, no header: the layout of vector files. */
    public static byte[] float32(float[] vector) {
        byte[] blob = new byte[vector.length * Float.BYTES];
        MemorySegment.copy(vector, 0, MemorySegment.ofArray(blob), FLOAT_LE, 0, vector.length);
        return blob;
    }

    /** Decodes a BLOB written by {@link #encode} (or any float32 BLOB). */
    public static float[] decode(byte[] blob) {
        float[] vector = new float[dimensionOf(blob)];
        decode(blob, vector, 0);
        return vector;
    }

    /**
     * Decodes a BLOB into {@code target} starting at {@code offset}, e.g. into a cluster-contiguous array: a float32
     * BLOB in one bulk copy (a plain memcpy on little-endian hardware), a sparse one component by component.
     */
    public static void decode(byte[] blob, float[] target, int offset) {
        int dimension = dimensionOf(blob);
        if (blob.length % Float.BYTES == 0) {
            MemorySegment.copy(MemorySegment.ofArray(blob), FLOAT_LE, 0, target, offset, dimension);
            return;
        }
        Arrays.fill(target, offset, offset + dimension, 0f);
        int values = valuesOffset(dimension);
        for (int w = 0; w < words(dimension); w++) {
            int word = (int) INT_LE.get(blob, HEADER + w * Integer.BYTES);
            while (word != 0) {
                int component = w * Integer.SIZE + Integer.numberOfTrailingZeros(word);
                if (component >= dimension || values > blob.length - Float.BYTES) {
                    throw new IllegalArgumentException("sparse vector BLOB of " + blob.length + " bytes does not match its bitmap");
                }
                target[offset + component] = Float.intBitsToFloat((int) INT_LE.get(blob, values));
                values += Float.BYTES;
                word &= word - 1;
            }
        }
        if (values != blob.length) {
            throw new IllegalArgumentException("sparse vector BLOB of " + blob.length + " bytes does not match its bitmap");
        }
    }

    /**
     * The dimension of an encoded vector; fails if the length is neither a multiple of 4 (float32) nor 2 more than
     * one with room for the sparse header and bitmap.
     */
    public static int dimensionOf(byte[] blob) {
        if (blob.length % Float.BYTES == 0) {
            return blob.length / Float.BYTES;
        }
        if (blob.length % Float.BYTES == HEADER) {
            int dimension = Short.toUnsignedInt((short) SHORT_LE.get(blob, 0));
            if (dimension > 0 && blob.length >= valuesOffset(dimension)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("vector BLOB length " + blob.length + " is neither float32 nor sparse");
    }

    /**
     * The first two bytes of every sparse BLOB of {@code dimension} components (for a database query that selects
     * the vectors of one dimension: float32 ones by their length, sparse ones by this prefix).
     */
    public static byte[] sparsePrefix(int dimension) {
        byte[] prefix = new byte[HEADER];
        SHORT_LE.set(prefix, 0, (short) dimension);
        return prefix;
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

    private static boolean sparseIsShorter(int dimension, int nonZero) {
        return dimension <= MAX_SPARSE_DIMENSION && valuesOffset(dimension) + nonZero * Float.BYTES < dimension * Float.BYTES;
    }

    private static int words(int dimension) {
        return (dimension + Integer.SIZE - 1) / Integer.SIZE;
    }

    private static int valuesOffset(int dimension) {
        return HEADER + words(dimension) * Integer.BYTES;
    }

    private static byte[] sparseBlob(int dimension, int nonZero) {
        byte[] blob = new byte[valuesOffset(dimension) + nonZero * Float.BYTES];
        SHORT_LE.set(blob, 0, (short) dimension);
        return blob;
    }

    /** Marks component {@code i} in the bitmap and writes its bits at {@code values}; returns the next value offset. */
    private static int putComponent(byte[] blob, int i, int bits, int values) {
        int word = HEADER + (i / Integer.SIZE) * Integer.BYTES;
        INT_LE.set(blob, word, (int) INT_LE.get(blob, word) | 1 << (i % Integer.SIZE));
        INT_LE.set(blob, values, bits);
        return values + Float.BYTES;
    }
}
