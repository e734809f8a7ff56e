package org.facesearch.index;

import java.util.stream.IntStream;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * The first pass of a search: every face of the probed clusters is scored from its 1-bit {@link SignCodes} code
 * (XOR + popcount over 16 longs at 1024-d, about 30x fewer bytes than its float32 vector), and the best
 * {@code candidates} go on to an exact re-rank by the index that owns the vectors.
 *
 * <p>Codes are relative to each cluster's centroid, so this class holds the rotated centroids of one clustering
 * ({@code k * padded} floats) and encodes faces for it. A candidate is reported as
 * {@code cluster << 32 | position in cluster} ({@link #cluster}, {@link #position}). Immutable and thread-safe.
 */
public final class CandidateScan {
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

    /** Codes and residual norms of a batch of faces: face {@code i}'s code at {@code codes[i * words]}. */
    public record Encoded(long[] codes, float[] norms) {
    }

    /** Encodes {@code count} contiguous vectors of the given clusters, in parallel. */
    public Encoded encodeAll(float[] vectors, int count, int[] clusterOf) {
        int words = words();
        int dimension = signCodes.dimension();
        long[] codes = new long[Math.multiplyExact(count, words)];
        float[] norms = new float[count];
        IntStream.range(0, count).parallel().forEach(i -> norms[i] = signCodes.encode(
                signCodes.rotate(vectors, i * dimension), rotatedCentroids[clusterOf[i]], codes, i * words));
        return new Encoded(codes, norms);
    }

    /** The codes of one probed cluster, as the scan reads them. */
    public interface Lists {
        int size(int cluster);

        long[] codes(int cluster);

        float[] norms(int cluster);
    }

    /** The {@code candidates} faces of the {@code probed} clusters with the smallest estimated distance. */
    public TopK scan(float[] query, int[] probed, Lists lists, int candidates) {
        int words = words();
        float[] rotatedQuery = signCodes.rotate(query, 0);
        long[] queryCode = new long[words];
        TopK top = new TopK(candidates);
        for (int cluster : probed) {
            float queryNorm = signCodes.encode(rotatedQuery, rotatedCentroids[cluster], queryCode, 0);
            long[] codes = lists.codes(cluster);
            float[] norms = lists.norms(cluster);
            for (int i = 0, n = lists.size(cluster); i < n; i++) {
                float estimate = signCodes.estimate(queryNorm, norms[i],
                        VectorMath.hamming(queryCode, 0, codes, i * words, words));
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
