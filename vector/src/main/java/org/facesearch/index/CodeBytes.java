package org.facesearch.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The stored form of one face's {@link SignCodes} code: its {@code words} longs of sign bits, then its residual
 * norm and factor as floats, all little-endian ({@code 8 * words + 8} bytes: 136 at 1024-d). It is what the
 * database keeps per face and clustering, and what a scan unpacks into the contiguous arrays of a list, so a
 * code computed by one process is read bit-exact by another.
 */
public final class CodeBytes {
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private CodeBytes() {
    }

    /** Bytes of one stored code of {@code words} longs. */
    public static int size(int words) {
        return words * Long.BYTES + CandidateScan.SCALARS * Float.BYTES;
    }

    /** Face {@code i}'s code and scalars ({@code codes[i * words ..]}, {@code scalars[2 * i ..]}) as stored bytes. */
    public static byte[] pack(long[] codes, float[] scalars, int i, int words) {
        byte[] bytes = new byte[size(words)];
        MemorySegment target = MemorySegment.ofArray(bytes);
        MemorySegment.copy(codes, i * words, target, LONG_LE, 0, words);
        MemorySegment.copy(scalars, i * CandidateScan.SCALARS, target, FLOAT_LE, (long) words * Long.BYTES,
                CandidateScan.SCALARS);
        return bytes;
    }

    /** The two scalars of stored {@code bytes} as face {@code position} of a list's {@link ScalarBlocks}. */
    static void unpackScalars(byte[] bytes, int words, float[] scalars, int position) {
        MemorySegment stored = MemorySegment.ofArray(bytes);
        long at = (long) words * Long.BYTES;
        ScalarBlocks.put(scalars, position, stored.get(FLOAT_LE, at), stored.get(FLOAT_LE, at + Float.BYTES));
    }

    /** @throws IllegalArgumentException if {@code bytes} is not a stored code of {@code words} longs */
    static void requireSize(byte[] bytes, int words) {
        if (bytes.length != size(words)) {
            throw new IllegalArgumentException("a stored code of " + bytes.length + " bytes, expected " + size(words));
        }
    }
}
