package org.facesearch.bench.index;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * Cosine LSH, the first look-alike service's index and the benchmark's baseline: {@code tables} hash tables, each
 * hashing a face to the signs of its dot products with {@value #MAX_BITS} random Gaussian hyperplanes; a query's
 * candidates are the faces that share its hash in any table, re-ranked by exact squared L2.
 *
 * <p>Each table keeps its faces sorted by their 64-bit signature, so the faces sharing the first {@code bits}
 * signs with the query are one contiguous range (two binary searches): one build serves every hash length up
 * to 64, e.g. the original's 64 and shorter ones that trade speed for candidates. Memory: 12 bytes a face and
 * table, plus the float32 vectors for the re-rank (shared with the caller, not copied).
 */
public final class CosineLsh {
    public static final int MAX_BITS = 64;

    private final float[] vectors;
    private final int dimension, count, tables;
    private final float[] planes;          // tables * 64 hyperplanes, row-major
    private final long[][] signatures;     // per table, sorted
    private final int[][] faces;           // per table, the face at each sorted position

    private CosineLsh(float[] vectors, int count, int dimension, int tables, float[] planes, long[][] signatures, int[][] faces) {
        this.vectors = vectors;
        this.count = count;
        this.dimension = dimension;
        this.tables = tables;
        this.planes = planes;
        this.signatures = signatures;
        this.faces = faces;
    }

    /** Hashes the first {@code count} faces of {@code vectors} (row-major) into {@code tables} tables, in parallel. */
    public static CosineLsh build(float[] vectors, int count, int dimension, int tables, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] planes = new float[tables * MAX_BITS * dimension];
        for (int i = 0; i < planes.length; i++) planes[i] = (float) gaussian(random);
        long[][] signatures = new long[tables][count];
        int[][] faces = new int[tables][];
        IntStream.range(0, count).parallel().forEach(f -> {
            for (int t = 0; t < tables; t++) signatures[t][f] = signature(planes, t, vectors, f * dimension, dimension);
        });
        IntStream.range(0, tables).parallel().forEach(t -> {
            long[] packed = new long[count];
            // sort (signature, face) pairs by signature, unsigned, through an index sort on boxed-free arrays
            Integer[] order = IntStream.range(0, count).boxed().toArray(Integer[]::new);
            long[] s = signatures[t];
            Arrays.sort(order, (a, b) -> Long.compareUnsigned(s[a], s[b]));
            int[] sortedFaces = new int[count];
            for (int i = 0; i < count; i++) {
                sortedFaces[i] = order[i];
                packed[i] = s[order[i]];
            }
            signatures[t] = packed;
            faces[t] = sortedFaces;
        });
        return new CosineLsh(vectors, count, dimension, tables, planes, signatures, faces);
    }

    /** The {@code k} nearest among the faces sharing the query's first {@code bits} signs in any table. */
    public List<Neighbor> search(float[] query, int k, int bits) {
        return search(query, k, bits, new boolean[count]);
    }

    /** Candidates examined for {@code query} at {@code bits} (distinct faces), for the report. */
    public int candidates(float[] query, int bits) {
        boolean[] seen = new boolean[count];
        search(query, 1, bits, seen);
        int n = 0;
        for (boolean s : seen) if (s) n++;
        return n;
    }

    private List<Neighbor> search(float[] query, int k, int bits, boolean[] seen) {
        TopK top = new TopK(k);
        long mask = bits == MAX_BITS ? -1L : ~(-1L >>> bits);
        for (int t = 0; t < tables; t++) {
            long prefix = signature(planes, t, query, 0, dimension) & mask;
            long[] s = signatures[t];
            for (int i = firstAtLeast(s, prefix); i < count && (s[i] & mask) == prefix; i++) {
                int f = faces[t][i];
                if (seen[f]) continue;
                seen[f] = true;
                top.offer(f, VectorMath.squaredL2(query, 0, vectors, f * dimension, dimension));
            }
        }
        return top.sorted();
    }

    /** Bytes the tables hold (signatures, face positions, hyperplanes), not counting the shared vectors. */
    public long bytes() {
        return (long) tables * count * (Long.BYTES + Integer.BYTES) + (long) planes.length * Float.BYTES;
    }

    private static long signature(float[] planes, int table, float[] v, int offset, int dimension) {
        long bits = 0;
        int base = table * MAX_BITS;
        for (int b = 0; b < MAX_BITS; b++) {
            if (VectorMath.dot(planes, (base + b) * dimension, v, offset, dimension) >= 0) bits |= 1L << (MAX_BITS - 1 - b);
        }
        return bits;
    }

    private static int firstAtLeast(long[] sorted, long key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
