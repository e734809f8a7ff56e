package org.facesearch.vector;

import java.util.List;
import java.util.stream.IntStream;

/**
 * k centroids of one dimension in one contiguous {@code float[]} (centroid {@code c} at {@code c * dimension}),
 * and the nearest-centroid searches built on {@link VectorMath}: assignment of a face to its cluster and the
 * {@code nprobe} clusters a query reads.
 *
 * <p>Immutable and thread-safe: the array passed in is copied. Ties between equidistant centroids go to the
 * smaller cluster id, so an assignment is reproducible. {@link #assignAll} uses the common fork-join pool (all
 * cores); it is the costly step of a recluster.
 *
 * <p>Exhaustive search costs {@code k * dimension} per face and streams all centroids from memory (40 MB per face
 * at k = 10,000, 1024-d). {@link #assignAll} is therefore blocked (a block of faces meets a tile of centroids
 * held in cache), and from {@value #GROUPED_FROM} centroids on {@link #assign} and {@link #assignAll} go through
 * a coarse level ({@link CentroidGroups}, about {@code 2 sqrt(k)} groups of centroids, built once on first use and
 * shared by the views; {@value #DEFAULT_GROUPS_VISITED} groups visited). That is approximate but deterministic:
 * measured at k = 10,000 on trained face-like centroids, 92% of faces get their exact nearest centroid and all
 * of them one of their 10 nearest, ~6x faster than exhaustive blocked assignment (BENCHMARKS.md,
 * "Nearest-centroid search at large k", where the threshold and the defaults come from). {@link #probe} stays
 * exhaustive: the coarse level returned the exact nprobe lists (overlap >= 0.99) only when it covered so many
 * centroids that it was no faster, and a one-shot {@code facesearch search} would pay for building it; from
 * {@value #PARALLEL_PROBE_FROM} centroids it runs on every core.
 * {@link #exact()} is the same centroids searched exhaustively (k-means training uses it), {@link #grouped} the
 * coarse level with other settings, for probes too.
 *
 * <p>Caveat: building the coarse level costs ~1 s at k = 10,000 (k-means on the centroids), paid by the first
 * assignment of a process, e.g. a one-face import.
 */
public final class Centroids {
    /**
     * k from which an exhaustive {@link #probe} splits the centroids over every core ({@link QueryThreads}): at
     * 10,000 centroids one probe streams 40 MB and took ~4 ms on one thread.
     */
    static final int PARALLEL_PROBE_FROM = 4_096;
    /** k from which assignments go through the coarse level by default. */
    public static final int GROUPED_FROM = 4_096;
    /** Groups an assignment visits by default (of about {@code 2 sqrt(k)}: 200 at k = 10,000). */
    public static final int DEFAULT_GROUPS_VISITED = 16;
    /** Vectors per block of {@link #assignAll}: 64 x 4 KB at 1024-d stay in a core's L2 cache. */
    private static final int FACE_BLOCK = 64;
    /** Centroids per tile of {@link #assignAll}: 128 KB at 1024-d, also cache-resident while a block passes. */
    private static final int TILE = 32;
    private final float[] data;
    private final int k;
    private final int dimension;
    /** The coarse level, shared by all views of these centroids; built on first use. */
    private final Groups groups;
    /** Groups an assignment (and a probe) visits at least; 0: exhaustive assignment. */
    private final int minGroups;
    /** A probe covers at least this many times nprobe centroids; 0: exhaustive probe. */
    private final int probeFactor;

    public Centroids(float[] data, int k, int dimension) {
        if (k < 1 || dimension < 1 || data.length != (long) k * dimension) {
            throw new IllegalArgumentException(
                    "expected " + k + " x " + dimension + " floats, got " + data.length);
        }
        this.data = data.clone();
        this.k = k;
        this.dimension = dimension;
        this.groups = new Groups();
        this.minGroups = k >= GROUPED_FROM ? DEFAULT_GROUPS_VISITED : 0;
        this.probeFactor = 0;
    }

    private Centroids(Centroids of, int minGroups, int probeFactor) {
        this.data = of.data;
        this.k = of.k;
        this.dimension = of.dimension;
        this.groups = of.groups;
        this.minGroups = minGroups;
        this.probeFactor = probeFactor;
    }

    /** The same centroids, every search exhaustive (exact nearest, ties to the smaller id). */
    public Centroids exact() {
        return minGroups == 0 && probeFactor == 0 ? this : new Centroids(this, 0, 0);
    }

    /**
     * The same centroids searched through the coarse level ({@link CentroidGroups}, about {@code 2 sqrt(k)} groups):
     * a search visits at least {@code minGroups} groups, and a probe for n lists at least {@code probeFactor * n}
     * centroids.
     */
    public Centroids grouped(int minGroups, int probeFactor) {
        if (minGroups < 1 || probeFactor < 1) {
            throw new IllegalArgumentException("groups " + minGroups + ", probe factor " + probeFactor);
        }
        return new Centroids(this, minGroups, probeFactor);
    }

    /** Whether assignments go through the coarse level. */
    public boolean isGrouped() {
        return minGroups > 0;
    }

    /** The coarse level (built now if not yet). */
    public CentroidGroups coarseLevel() {
        return groups.get();
    }

    public int k() {
        return k;
    }

    public int dimension() {
        return dimension;
    }

    /** A copy of centroid {@code cluster}. */
    public float[] centroid(int cluster) {
        float[] copy = new float[dimension];
        System.arraycopy(data, cluster * dimension, copy, 0, dimension);
        return copy;
    }

    /** The index of the centroid nearest to {@code vectors[offset..offset+dimension)}. */
    public int assign(float[] vectors, int offset) {
        if (minGroups > 0) {
            return groups.get().assign(vectors, offset, minGroups);
        }
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float d = VectorMath.squaredL2(vectors, offset, data, c * dimension, dimension);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** The {@code n} centroids nearest to {@code query}, nearest first ({@code min(n, k)} of them). */
    public int[] probe(float[] query, int n) {
        checkDimension(query);
        if (probeFactor > 0) {
            return groups.get().probe(query, n, minGroups, probeFactor);
        }
        return nearest(k, n, c -> VectorMath.squaredL2(query, 0, data, c * dimension, dimension));
    }

    /** The distance of item {@code c} to a query. */
    @FunctionalInterface
    public interface Distance {
        float of(int c);
    }

    /**
     * The {@code n} of {@code k} items nearest by {@code distance}, nearest first ({@code min(n, k)} of them), ties to
     * the smaller id; from {@value #PARALLEL_PROBE_FROM} items on every core. {@link #probe}'s search, shared with
     * centroids kept outside the heap (the CLI's memory-mapped search cache).
     */
    public static int[] nearest(int k, int n, Distance distance) {
        int size = Math.min(n, k);
        int parts = k < PARALLEL_PROBE_FROM ? 1 : QueryThreads.parallelism();
        if (parts == 1) {
            return ids(nearest(distance, size, 0, k));
        }
        return ids(QueryThreads.nearest(parts, size, p -> nearest(distance, size, (int) ((long) k * p / parts),
                (int) ((long) k * (p + 1) / parts))));
    }

    private static TopK nearest(Distance distance, int size, int from, int to) {
        TopK top = new TopK(size);
        for (int c = from; c < to; c++) {
            top.offer(c, distance.of(c));
        }
        return top;
    }

    static int[] ids(TopK top) {
        List<Neighbor> sorted = top.sorted();
        int[] ids = new int[sorted.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) sorted.get(i).id();
        }
        return ids;
    }

    /**
     * Nearest centroid of each of {@code count} contiguous vectors, computed in parallel: exactly {@link #assign}
     * of each (the same distances bit for bit, ties to the smaller id), but blocked: a block of
     * {@value #FACE_BLOCK} vectors meets the centroids a tile of {@value #TILE} at a time through
     * {@link VectorMath#squaredL2Tile}, so each centroid is read from memory once per block instead of once per
     * vector.
     */
    public int[] assignAll(float[] vectors, int count) {
        if ((long) count * dimension > vectors.length) {
            throw new IllegalArgumentException(count + " vectors of " + dimension + " do not fit in " + vectors.length);
        }
        if (minGroups > 0) {
            return groups.get().assignAll(vectors, count, minGroups);
        }
        int[] clusters = new int[count];
        int blocks = (count + FACE_BLOCK - 1) / FACE_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int from = block * FACE_BLOCK;
            assignBlock(vectors, from, Math.min(count, from + FACE_BLOCK), clusters);
        });
        return clusters;
    }

    private void assignBlock(float[] vectors, int from, int to, int[] clusters) {
        int rowCount = to - from;
        int[] rows = new int[rowCount];
        float[] best = new float[rowCount];
        for (int r = 0; r < rowCount; r++) {
            rows[r] = (from + r) * dimension;
            best[r] = Float.POSITIVE_INFINITY;
        }
        int[] tile = new int[TILE];
        float[] distances = new float[rowCount * TILE];
        for (int first = 0; first < k; first += TILE) {
            int tileCount = Math.min(TILE, k - first);
            VectorMath.squaredL2Tile(vectors, rows, rowCount, data, offsets(first, tileCount, tile), tileCount, dimension,
                    distances);
            for (int r = 0; r < rowCount; r++) {
                for (int t = 0; t < tileCount; t++) {
                    float d = distances[r * tileCount + t];
                    if (d < best[r]) {
                        best[r] = d;
                        clusters[from + r] = first + t;
                    }
                }
            }
        }
    }

    /** The start offsets of centroids {@code first .. first + count) in {@link #data()}, written into {@code into}. */
    int[] offsets(int first, int count, int[] into) {
        for (int i = 0; i < count; i++) {
            into[i] = (first + i) * dimension;
        }
        return into;
    }

    /** The centroids' storage, not a copy: for this package's kernels only. */
    float[] data() {
        return data;
    }

    /** The coarse level, built once on first use (a few hundred ms at k = 10,000), then shared. */
    private final class Groups {
        private volatile CentroidGroups built;

        CentroidGroups get() {
            CentroidGroups g = built;
            if (g == null) {
                synchronized (this) {
                    g = built;
                    if (g == null) {
                        g = CentroidGroups.build(data, k, dimension, (int) Math.round(2 * Math.sqrt(k)));
                        built = g;
                    }
                }
            }
            return g;
        }
    }

    private void checkDimension(float[] query) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, centroids " + dimension);
        }
    }
}
