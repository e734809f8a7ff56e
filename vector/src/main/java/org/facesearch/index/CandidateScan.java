package org.facesearch.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.QueryThreads;
import org.facesearch.vector.TopK;

/**
 * The first pass of a search: every face of the probed clusters is scored from its 1-bit {@link SignCodes} code
 * and two scalars against the query's {@link LookupQuery} tables (the code in the {@link CodeBlocks} layout,
 * looked up 16 faces a shuffle; 136 bytes at 1024-d, 30x fewer than its float32 vector), and the best
 * {@code candidates} go on to an exact re-rank by whoever holds the vectors.
 *
 * <p>Codes are relative to each cluster's centroid, so this class holds the rotated centroids of one clustering
 * (up to {@code k * padded} floats, each rotated when first needed) and encodes faces for it. A candidate is
 * reported as {@code cluster << 32 | position in cluster} ({@link #cluster}, {@link #position}). Thread-safe.
 * A query with at least {@value #PARALLEL_FROM} faces to score splits its lists over one thread a core.
 *
 * <p>{@link #shortlist} adds to each candidate a lower bound of its true distance, RaBitQ's error bound (Gao and
 * Long, SIGMOD 2024, Theorem 3.2): with the face's residual norm {@code |r|} and factor {@code f}, the query's
 * residual norm {@code |q|} and {@code D} padded components,
 * <pre>
 *   |estimate - distance| &lt;= 2 |r| |q| sqrt(1 - f^2) / f * EPSILON / sqrt(D - 1)
 * </pre>
 * with high probability for {@code EPSILON} = {@link #BOUND_EPSILON}. {@link ExactRerank} reads the
 * candidates in the order of these bounds and stops once the next bound is above the k-th exact distance found, so
 * a candidate that cannot be among the nearest costs no vector read.
 */
public final class CandidateScan {
    /** Floats per face beside its code: residual norm and factor. */
    public static final int SCALARS = 2;
    /**
     * RaBitQ's {@code epsilon_0}: how wide the lower bound of {@link #shortlist} is. The paper's 1.9 assumes an
     * exact query; with the query at 4 bits, 0.75% of 4,000 face-like candidates had their true distance below the
     * bound at 1.9 (one query's top 10 changed), 0.1% at 2.5, none at 3.0, which still left 51% of the reads
     * unneeded ({@code ExactRerankTest}: 1024-d, 100 candidates, top 10). With the finer {@link LookupQuery} at 3.0:
     * none of 4,000 at 1024-d, one at 128-d, 52% of the reads unneeded.
     */
    static final float BOUND_EPSILON = 3.0f;
    /** Faces a query scores from which its lists are split over every core ({@link QueryThreads}). */
    static final int PARALLEL_FROM = 65_536;
    private final SignCodes signCodes;
    /** Centroid {@code c} rotated ({@link SignCodes#rotate}): computed, or read from where it is kept. */
    private final IntFunction<float[]> rotation;
    /**
     * Each rotated centroid, asked for on first use: a one-shot search needs only the lists it probes (1,000 of
     * 10,000 at 10M faces). Two threads may ask for the same one at once; both get equal arrays.
     */
    private final AtomicReferenceArray<float[]> rotatedCentroids;

    public CandidateScan(Centroids centroids) {
        this.signCodes = new SignCodes(centroids.dimension());
        this.rotation = c -> signCodes.rotate(centroids.centroid(c), 0);
        this.rotatedCentroids = new AtomicReferenceArray<>(centroids.k());
    }

    private CandidateScan(int k, int dimension, IntFunction<float[]> rotatedCentroid) {
        this.signCodes = new SignCodes(dimension);
        this.rotation = rotatedCentroid;
        this.rotatedCentroids = new AtomicReferenceArray<>(k);
    }

    /**
     * Codes relative to {@code k} centroids of {@code dimension} components whose rotations are kept elsewhere (a
     * {@link CodeFile}): {@code rotatedCentroid.apply(c)} is centroid {@code c} rotated, {@link #padded} floats,
     * asked for once, when first needed.
     */
    public static CandidateScan ofRotated(int k, int dimension, IntFunction<float[]> rotatedCentroid) {
        return new CandidateScan(k, dimension, rotatedCentroid);
    }

    /** Centroid {@code cluster} rotated. */
    float[] rotatedCentroid(int cluster) {
        float[] rotated = rotatedCentroids.get(cluster);
        if (rotated == null) {
            rotated = rotation.apply(cluster);
            rotatedCentroids.set(cluster, rotated);
        }
        return rotated;
    }

    /** Components of a rotated vector ({@link SignCodes#padded}). */
    public int padded() {
        return signCodes.padded();
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
        /** Writes face {@code i} of this batch as face {@code position} of a list's {@link CodeBlocks} and {@link ScalarBlocks}. */
        public void put(int i, int words, byte[] blocks, float[] listScalars, int position) {
            CodeBlocks.put(codes, i * words, words, blocks, position);
            ScalarBlocks.put(listScalars, position, scalars[SCALARS * i], scalars[SCALARS * i + 1]);
        }
    }

    /** Encodes {@code count} contiguous vectors of the given clusters, in parallel. */
    public Encoded encodeAll(float[] vectors, int count, int[] clusterOf) {
        int words = words();
        int dimension = signCodes.dimension();
        long[] codes = new long[Math.multiplyExact(count, words)];
        float[] scalars = new float[Math.multiplyExact(count, SCALARS)];
        IntStream.range(0, count).parallel().forEach(i -> signCodes.encode(signCodes.rotate(vectors, i * dimension),
                rotatedCentroid(clusterOf[i]), codes, i * words, scalars, i * SCALARS));
        return new Encoded(codes, scalars);
    }

    /** The stored form ({@link CodeBytes}) of the code of {@code vector[offset..]} as a face of {@code cluster}. */
    public byte[] codeBytes(float[] vector, int offset, int cluster) {
        long[] code = new long[words()];
        float[] scalars = new float[SCALARS];
        signCodes.encode(signCodes.rotate(vector, offset), rotatedCentroid(cluster), code, 0, scalars, 0);
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

        /**
         * The cluster's codes in the {@link CodeBlocks} layout (bytes past its size's blocks are not read). The array may
         * be a buffer the same thread's next call reuses: read it before asking for another cluster's.
         */
        byte[] blocks(int cluster);

        /**
         * Residual norms and factors in the {@link ScalarBlocks} layout (floats past its size's blocks are not read); may
         * be a buffer reused as {@link #blocks}'s is.
         */
        float[] scalars(int cluster);

        /** The residual norm of face {@code position} of {@code cluster}. */
        default float norm(int cluster, int position) {
            return ScalarBlocks.norm(scalars(cluster), position);
        }

        /** The factor of face {@code position} of {@code cluster}. */
        default float factor(int cluster, int position) {
            return ScalarBlocks.factor(scalars(cluster), position);
        }
    }

    /**
     * The {@code candidates} faces of the {@code probed} clusters with the smallest estimated distance, as
     * {@code (candidate, estimate)} pairs.
     */
    public TopK scan(float[] query, int[] probed, Lists lists, int candidates) {
        return scanRotated(signCodes.rotate(query, 0), probed, lists, candidates, faces(probed, lists));
    }

    /**
     * A re-rank's shortlist: candidates ({@link #candidate} ids) in ascending order of {@code lowerBounds}, the
     * lowest distance each can have (see the class comment).
     */
    public record Shortlist(long[] candidates, float[] lowerBounds) {
        public int size() {
            return candidates.length;
        }

        /** The face ids of the candidates, in the shortlist's order, from where their lists keep them. */
        public long[] faceIds(FaceIds lists) {
            long[] ids = new long[candidates.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = lists.faceId(cluster(candidates[i]), position(candidates[i]));
            }
            return ids;
        }
    }

    /** Where a caller keeps the face id of each position of each list. */
    @FunctionalInterface
    public interface FaceIds {
        long faceId(int cluster, int position);
    }

    /**
     * The {@code candidates} faces of {@link #scan}, each with a lower bound of its distance, by that bound; when
     * they are all the probed faces, every bound is minus infinity (the re-rank reads them all: exact).
     */
    public Shortlist shortlist(float[] query, int[] probed, Lists lists, int candidates) {
        float[] rotatedQuery = signCodes.rotate(query, 0);
        long faces = faces(probed, lists);
        List<Neighbor> best = scanRotated(rotatedQuery, probed, lists, candidates, faces).sorted();
        int n = best.size();
        long[] ids = new long[n];
        float[] bounds = new float[n];
        if (n == faces) {
            // every probed face is a candidate: the caller asked for the exact answer, so no bound may prune one
            Arrays.fill(bounds, Float.NEGATIVE_INFINITY);
            Arrays.setAll(ids, i -> best.get(i).id());
            return new Shortlist(ids, bounds);
        }
        float scale = (float) (2 * BOUND_EPSILON / Math.sqrt(signCodes.padded() - 1));
        Map<Integer, Float> queryNorms = new HashMap<>();  // candidates share few lists: one norm a list
        for (int i = 0; i < n; i++) {
            long candidate = best.get(i).id();
            int cluster = cluster(candidate);
            float norm = lists.norm(cluster, position(candidate));
            float factor = lists.factor(cluster, position(candidate));
            float error = scale * norm * queryNorms.computeIfAbsent(cluster, c -> queryResidualNorm(rotatedQuery, c))
                    * (float) Math.sqrt(Math.max(0, 1 - factor * factor)) / factor;
            ids[i] = candidate;
            bounds[i] = best.get(i).distance() - error;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(bounds[a], bounds[b]));
        long[] sortedIds = new long[n];
        float[] sortedBounds = new float[n];
        for (int i = 0; i < n; i++) {
            sortedIds[i] = ids[order[i]];
            sortedBounds[i] = bounds[order[i]];
        }
        return new Shortlist(sortedIds, sortedBounds);
    }

    private float queryResidualNorm(float[] rotatedQuery, int cluster) {
        float[] centroid = rotatedCentroid(cluster);
        double squared = 0;
        for (int i = 0; i < centroid.length; i++) {
            double d = rotatedQuery[i] - centroid[i];
            squared += d * d;
        }
        return (float) Math.sqrt(squared);
    }

    private static long faces(int[] probed, Lists lists) {
        long faces = 0;
        for (int cluster : probed) {
            faces += lists.size(cluster);
        }
        return faces;
    }

    private TopK scanRotated(float[] rotatedQuery, int[] probed, Lists lists, int candidates, long faces) {
        int parts = faces < PARALLEL_FROM ? 1 : Math.min(probed.length, QueryThreads.parallelism());
        if (parts == 1) {
            return scanLists(rotatedQuery, probed, 0, probed.length, lists, candidates);
        }
        // contiguous runs of lists with about equal faces
        int[] starts = new int[parts + 1];
        long done = 0;
        for (int part = 1, to = 0; part <= parts; part++) {
            long target = faces * part / parts;
            while (to < probed.length && (part == parts || done < target)) {
                done += lists.size(probed[to++]);
            }
            starts[part] = to;
        }
        return QueryThreads.nearest(parts, candidates,
                p -> scanLists(rotatedQuery, probed, starts[p], starts[p + 1], lists, candidates));
    }

    private TopK scanLists(float[] rotatedQuery, int[] probed, int from, int to, Lists lists, int candidates) {
        int words = words();
        int blockBytes = CodeBlocks.blockBytes(words);
        int[] sums = new int[CodeBlocks.BLOCK];
        float[] estimates = new float[CodeBlocks.BLOCK];
        TopK top = new TopK(candidates);
        LookupQuery lookup = new LookupQuery(words);
        for (int p = from; p < to; p++) {
            int cluster = probed[p];
            lookup.prepare(rotatedQuery, rotatedCentroid(cluster));
            byte[] blocks = lists.blocks(cluster);
            float[] scalars = lists.scalars(cluster);
            int n = lists.size(cluster);
            for (int block = 0, first = 0; first < n; block++, first += CodeBlocks.BLOCK) {
                lookup.sums(blocks, block * blockBytes, sums);
                long below = lookup.below(sums, scalars, ScalarBlocks.blockAt(block), top.threshold(), estimates);
                if (n - first < CodeBlocks.BLOCK) {
                    below &= (1L << n - first) - 1;  // positions past the list's end
                }
                // most blocks offer no face once the top is full; the threshold only falls while offering
                for (; below != 0; below &= below - 1) {
                    int j = Long.numberOfTrailingZeros(below);
                    if (estimates[j] <= top.threshold()) {
                        top.offer(candidate(cluster, first + j), estimates[j]);
                    }
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
