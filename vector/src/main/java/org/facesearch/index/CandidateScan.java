package org.facesearch.index;

import java.util.stream.IntStream;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.TopK;

/**
 * The first pass of a search: every face of the probed clusters is scored from its 1-bit {@link SignCodes} code
 * and two scalars against the 4-bit {@link QuantizedQuery} (popcounts over 16 longs at 1024-d, 136 bytes, 30x
 * fewer than its float32 vector), and the best {@code candidates} go on to an exact re-rank by whoever holds the
 * vectors.
 *
 * <p>Codes are relative to each cluster's centroid, so this class holds the rotated centroids of one clustering
 * ({@code k * padded} floats) and encodes faces for it. A candidate is reported as
 * {@code cluster << 32 | position in cluster} ({@link #cluster}, {@link #position}). Immutable and thread-safe.
 */
public final class CandidateScan {
    /** Floats per face beside its code: residual norm and factor. */
    public static final int SCALARS = 2;
    private final SignCodes signCodes;
    private final float[][] rotatedCentroids;

    public CandidateScan(Centroids centroids) {
        this.signCodes = new SignCodes(centroids.dimension());
        this.rotatedCentroids = IntStream.range(0, centroids.k()).parallel()
                .mapToObj(c -> signCodes.rotate(centroids.centroid(c), 0)).toArray(float[][]::new);
    }

    /** Longs per face code. */
    public int words() {
        return signCodes.words();
    }

    /**
     * Codes and scalars of a batch of faces: face {@code i}'s code at {@code codes[i * words]}, its residual norm
     * and factor at {@code scalars[2 * i]} and {@code scalars[2 * i + 1]} ({@link SignCodes}).
     */
    public record Encoded(long[] codes, float[] scalars) {
    }

    /** Encodes {@code count} contiguous vectors of the given clusters, in parallel. */
    public Encoded encodeAll(float[] vectors, int count, int[] clusterOf) {
        int words = words();
        int dimension = signCodes.dimension();
        long[] codes = new long[Math.multiplyExact(count, words)];
        float[] scalars = new float[Math.multiplyExact(count, SCALARS)];
        IntStream.range(0, count).parallel().forEach(i -> signCodes.encode(signCodes.rotate(vectors, i * dimension),
                rotatedCentroids[clusterOf[i]], codes, i * words, scalars, i * SCALARS));
        return new Encoded(codes, scalars);
    }

    /** The stored form ({@link CodeBytes}) of the code of {@code vector[offset..]} as a face of {@code cluster}. */
    public byte[] codeBytes(float[] vector, int offset, int cluster) {
        long[] code = new long[words()];
        float[] scalars = new float[SCALARS];
        signCodes.encode(signCodes.rotate(vector, offset), rotatedCentroids[cluster], code, 0, scalars, 0);
        return CodeBytes.pack(code, scalars, 0, words());
    }

    /** The stored forms of the codes of {@code count} contiguous vectors of the given clusters, encoded in parallel. */
    public byte[][] codeBytesAll(float[] vectors, int count, int[] clusterOf) {
        Encoded encoded = encodeAll(vectors, count, clusterOf);
        byte[][] codes = new byte[count][];
        for (int i = 0; i < count; i++) {
            codes[i] = CodeBytes.pack(encoded.codes(), encoded.scalars(), i, words());
        }
        return codes;
    }

    /** The codes of one probed cluster, as the scan reads them. */
    public interface Lists {
        int size(int cluster);

        long[] codes(int cluster);

        /** Two per face: residual norm, factor. */
        float[] scalars(int cluster);
    }

    /** The {@code candidates} faces of the {@code probed} clusters with the smallest estimated distance. */
    public TopK scan(float[] query, int[] probed, Lists lists, int candidates) {
        int words = words();
        float[] rotatedQuery = signCodes.rotate(query, 0);
        TopK top = new TopK(candidates);
        for (int cluster : probed) {
            QuantizedQuery quantized = new QuantizedQuery(rotatedQuery, rotatedCentroids[cluster], words);
            long[] codes = lists.codes(cluster);
            float[] scalars = lists.scalars(cluster);
            for (int i = 0, n = lists.size(cluster); i < n; i++) {
                float estimate = quantized.estimate(codes, i * words, scalars[SCALARS * i], scalars[SCALARS * i + 1]);
                if (estimate <= top.threshold()) {
                    top.offer(candidate(cluster, i), estimate);
                }
            }
        }
        return top;
    }

    /** The candidate id of face {@code position} of {@code cluster}. */
    public static long candidate(int cluster, int position) {
        return (long) cluster << 32 | position;
    }

    public static int cluster(long candidate) {
        return (int) (candidate >>> 32);
    }

    public static int position(long candidate) {
        return (int) candidate;
    }
}
