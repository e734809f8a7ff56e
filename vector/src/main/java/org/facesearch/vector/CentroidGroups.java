package org.facesearch.vector;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A coarse level over k centroids, for nearest-centroid searches at large k (FAISS puts a small index over the
 * centroids at large nlist for the same reason): the centroids are grouped by k-means on the centroids themselves
 * into about {@code sqrt(k)} groups; a search scans the group centres, then only the centroids of its nearest
 * groups. At k = 10,000 a face compares itself with ~100 centres and a few hundred centroids instead of 10,000
 * (40 MB streamed from memory per face at 1024-d).
 *
 * <p>Design: the group centres come from {@link Lloyd} (10 iterations) started from the centroids at evenly
 * spaced ids, and each centroid belongs to the group of its nearest centre, so the structure depends only on the
 * centroids: same centroids, same groups. A search ranks the groups by (distance, group id) and visits them in
 * that order: an assignment its nearest {@code minGroups} groups; a probe for n lists at least {@code minGroups}
 * groups and at least {@code factor * n} centroids. It returns the nearest of the visited centroids by (distance,
 * id), the distances being {@link VectorMath#squaredL2}'s, bit for bit whether computed one at a time or blocked
 * ({@link #assignAll}). So the result is deterministic, and when the visit covers every group it is exactly the
 * exhaustive search's, ties included.
 *
 * <p>Caveat: it is approximate. A face whose nearest centroid sits in a group whose centre is not among its
 * nearest few is assigned to the best centroid of the visited groups instead (the next nearest, almost always);
 * a probe may return a few lists beyond the exact nprobe nearest. The share of exact answers is measured by
 * {@code facesearch bench centroids} (BENCHMARKS.md, "Nearest-centroid search at large k"). Groups are unequal
 * (k-means), so the work per search varies with where the face falls. Immutable and thread-safe.
 */
public final class CentroidGroups {
    /** Faces per block of {@link #assignAll}: the centre distances of a block are one tile computation. */
    private static final int FACE_BLOCK = 256;
    private static final int TILE = 32;
    private static final int ITERATIONS = 10;

    private final float[] data;
    private final int k;
    private final int dimension;
    private final Centroids centres;
    /** Centroid ids ordered by group: group {@code g} holds {@code members[start[g] .. start[g + 1])}. */
    private final int[] members;
    private final int[] start;

    private CentroidGroups(float[] data, int k, int dimension, Centroids centres, int[] members, int[] start) {
        this.data = data;
        this.k = k;
        this.dimension = dimension;
        this.centres = centres;
        this.members = members;
        this.start = start;
    }

    /** Groups the {@code k} centroids in {@code data} (not copied, not modified) into {@code groups} groups. */
    static CentroidGroups build(float[] data, int k, int dimension, int groups) {
        int g = Math.max(1, Math.min(groups, k));
        float[] initial = new float[g * dimension];
        for (int i = 0; i < g; i++) {
            System.arraycopy(data, (int) ((long) i * k / g) * dimension, initial, i * dimension, dimension);
        }
        Centroids centres = Lloyd.refine(data, k, dimension, initial, g, ITERATIONS).exact();
        int[] groupOf = centres.assignAll(data, k);
        int[] start = new int[g + 1];
        for (int group : groupOf) {
            start[group + 1]++;
        }
        for (int i = 0; i < g; i++) {
            start[i + 1] += start[i];
        }
        int[] members = new int[k];
        int[] next = Arrays.copyOf(start, g);
        for (int c = 0; c < k; c++) {
            members[next[groupOf[c]]++] = c;
        }
        return new CentroidGroups(data, k, dimension, centres, members, start);
    }

    /** Number of groups. */
    public int groups() {
        return centres.k();
    }

    /** Size of the largest group (centroids). */
    public int largestGroup() {
        int largest = 0;
        for (int g = 0; g < groups(); g++) {
            largest = Math.max(largest, start[g + 1] - start[g]);
        }
        return largest;
    }

    /** The nearest visited centroid to {@code vectors[offset..offset+dimension)} (see the class comment). */
    int assign(float[] vectors, int offset, int minGroups) {
        float[] query = Arrays.copyOfRange(vectors, offset, offset + dimension);
        int[] order = centres.probe(query, centres.k());
        int best = -1;
        float bestDistance = Float.POSITIVE_INFINITY;
        int visitedGroups = 0;
        for (int i = 0; i < order.length && visitedGroups < minGroups; i++) {
            int g = order[i];
            for (int m = start[g]; m < start[g + 1]; m++) {
                int c = members[m];
                float d = VectorMath.squaredL2(vectors, offset, data, c * dimension, dimension);
                if (d < bestDistance || d == bestDistance && c < best) {
                    bestDistance = d;
                    best = c;
                }
            }
            visitedGroups++;
        }
        return Math.max(best, 0);
    }

    /**
     * The {@code n} nearest visited centroids to {@code query}, nearest first: groups are visited until at least
     * {@code minGroups} groups and {@code factor * n} centroids are covered.
     */
    int[] probe(float[] query, int n, int minGroups, int factor) {
        int[] order = centres.probe(query, centres.k());
        long budget = (long) factor * n;
        TopK top = new TopK(Math.min(n, k));
        int covered = 0;
        for (int i = 0; i < order.length && (i < minGroups || covered < budget); i++) {
            int g = order[i];
            for (int m = start[g]; m < start[g + 1]; m++) {
                int c = members[m];
                top.offer(c, VectorMath.squaredL2(query, 0, data, c * dimension, dimension));
            }
            covered += start[g + 1] - start[g];
        }
        return Centroids.ids(top);
    }

    /** {@link #assign} of each of {@code count} contiguous vectors, blocked and in parallel (same results). */
    int[] assignAll(float[] vectors, int count, int minGroups) {
        int[] clusters = new int[count];
        int blocks = (count + FACE_BLOCK - 1) / FACE_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int from = block * FACE_BLOCK;
            assignBlock(vectors, from, Math.min(count, from + FACE_BLOCK), Math.min(minGroups, groups()), clusters);
        });
        return clusters;
    }

    /**
     * One block: the distances of all its faces to all centres in one tile computation, each face's nearest
     * {@code visit} groups, then per group the faces that visit it against the group's centroids, a tile at a
     * time, so a group's centroids are read once per block rather than once per face.
     */
    private void assignBlock(float[] vectors, int from, int to, int visit, int[] clusters) {
        int rowCount = to - from;
        int groups = groups();
        int[] rows = new int[rowCount];
        for (int r = 0; r < rowCount; r++) {
            rows[r] = (from + r) * dimension;
        }
        float[] centreDistances = new float[rowCount * groups];
        VectorMath.squaredL2Tile(vectors, rows, rowCount, centres.data(), centres.offsets(0, groups, new int[groups]), groups, dimension,
                centreDistances);
        // faces of each group, grouped (counting sort of (face, group) pairs)
        int[] visited = new int[rowCount * visit];
        int[] facesIn = new int[groups + 1];
        for (int r = 0; r < rowCount; r++) {
            nearest(centreDistances, r * groups, groups, visit, visited, r * visit);
            for (int i = 0; i < visit; i++) {
                facesIn[visited[r * visit + i] + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            facesIn[g + 1] += facesIn[g];
        }
        int[] faceRows = new int[rowCount * visit];
        int[] faceOf = new int[rowCount * visit];
        int[] next = Arrays.copyOf(facesIn, groups);
        for (int r = 0; r < rowCount; r++) {
            for (int i = 0; i < visit; i++) {
                int slot = next[visited[r * visit + i]]++;
                faceRows[slot] = rows[r];
                faceOf[slot] = r;
            }
        }
        float[] best = new float[rowCount];
        int[] bestId = new int[rowCount];
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        Arrays.fill(bestId, -1);
        int[] tile = new int[TILE];
        int[] tileIds = new int[TILE];
        float[] distances = new float[rowCount * TILE];
        for (int g = 0; g < groups; g++) {
            int faces = facesIn[g + 1] - facesIn[g];
            if (faces == 0) {
                continue;
            }
            int[] groupRows = Arrays.copyOfRange(faceRows, facesIn[g], facesIn[g + 1]);
            for (int first = start[g]; first < start[g + 1]; first += TILE) {
                int tileCount = Math.min(TILE, start[g + 1] - first);
                for (int t = 0; t < tileCount; t++) {
                    tileIds[t] = members[first + t];
                    tile[t] = tileIds[t] * dimension;
                }
                VectorMath.squaredL2Tile(vectors, groupRows, faces, data, tile, tileCount, dimension, distances);
                for (int f = 0; f < faces; f++) {
                    int r = faceOf[facesIn[g] + f];
                    for (int t = 0; t < tileCount; t++) {
                        float d = distances[f * tileCount + t];
                        if (d < best[r] || d == best[r] && tileIds[t] < bestId[r]) {
                            best[r] = d;
                            bestId[r] = tileIds[t];
                        }
                    }
                }
            }
        }
        for (int r = 0; r < rowCount; r++) {
            clusters[from + r] = Math.max(bestId[r], 0);
        }
    }

    /**
     * The {@code n} smallest of {@code distances[at .. at + count)} by (distance, index), nearest first, into
     * {@code into[intoAt ..)}: insertion into a sorted run, cheap for the few groups a face visits.
     */
    private static void nearest(float[] distances, int at, int count, int n, int[] into, int intoAt) {
        int size = 0;
        for (int g = 0; g < count; g++) {
            float d = distances[at + g];
            if (size == n && !(d < distances[at + into[intoAt + n - 1]])) {
                continue; // ties keep the smaller index, already in
            }
            int i = Math.min(size, n - 1);
            while (i > 0 && d < distances[at + into[intoAt + i - 1]]) {
                into[intoAt + i] = into[intoAt + i - 1];
                i--;
            }
            into[intoAt + i] = g;
            size = Math.min(size + 1, n);
        }
    }
}
