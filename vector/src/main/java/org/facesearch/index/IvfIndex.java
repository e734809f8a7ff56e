package org.facesearch.index;

import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * The in-memory IVF index: one immutable snapshot of float32 vectors grouped by cluster, each with a 1-bit code.
 *
 * <p>A query finds its {@code nprobe} nearest centroids ({@code k * dimension} work, the same as FAISS's coarse
 * quantiser), then searches those clusters in two passes: {@link CandidateScan} scores every face from its
 * {@link SignCodes} code (136 bytes at 1024-d instead of 4 KB) against the 4-bit {@link QuantizedQuery} and keeps
 * the best {@link #candidates()}; their
 * exact squared L2 distances, from the float32 vectors, give the {@code k} returned, nearest first. Distances
 * returned are exact; only the candidate set is approximate, and a few hundred candidates hold the true
 * neighbours (BENCHMARKS.md, Search). With {@code candidates} = {@link #EXACT} every face of the probed clusters
 * is measured exactly (IVF-Flat), and with {@code nprobe} equal to the number of clusters too the result is
 * exactly brute force. Each cluster's vectors, codes and scalars are contiguous arrays; there is no per-face object.
 *
 * <p>Snapshots never change: {@link #withFace} returns a new snapshot that shares every cluster but one (see
 * {@link Cluster} for how that one shares its arrays). {@link LiveIndex} holds the current snapshot and swaps it
 * atomically, so a query runs entirely against one version. Memory per face: 4 bytes per dimension, 8 for the
 * id, {@code padded / 8 + 8} for the code and its two scalars (136 at 1024-d), plus up to 50% spare capacity in clusters
 * that grew by appends.
 */
public final class IvfIndex implements LiveFaceIndex {
    /** {@link #withCandidates} value that skips the code pass: every probed face is measured exactly. */
    public static final int EXACT = 0;
    /** Candidates re-ranked exactly per query unless set otherwise (see BENCHMARKS.md, Search). */
    public static final int DEFAULT_CANDIDATES = 200;

    private final String modelId;
    private final Centroids centroids;
    private final CandidateScan scan;
    private final Cluster[] clusters;
    private final long size;
    private final int candidates;
    private final CandidateScan.Lists lists = new CandidateScan.Lists() {
        @Override
        public int size(int cluster) {
            return clusters[cluster].size();
        }

        @Override
        public long[] codes(int cluster) {
            return clusters[cluster].codes();
        }

        @Override
        public float[] scalars(int cluster) {
            return clusters[cluster].scalars();
        }
    };

    private IvfIndex(String modelId, Centroids centroids, CandidateScan scan, Cluster[] clusters, int candidates) {
        if (candidates < 0) {
            throw new IllegalArgumentException("candidates must be >= 0, got " + candidates);
        }
        this.modelId = modelId;
        this.centroids = centroids;
        this.scan = scan;
        this.clusters = clusters;
        this.size = Arrays.stream(clusters).mapToLong(Cluster::size).sum();
        this.candidates = candidates;
    }

    /** An index of no faces yet; faces are added with {@link #builder} or {@link LiveIndex#add}. */
    public static IvfIndex empty(String modelId, Centroids centroids) {
        Cluster[] clusters = new Cluster[centroids.k()];
        Arrays.fill(clusters, Cluster.EMPTY);
        return new IvfIndex(modelId, centroids, new CandidateScan(centroids), clusters, DEFAULT_CANDIDATES);
    }

    /**
     * Builds from {@code count} faces whose clusters are known ({@code assignment[i]} for {@code ids[i]} at
     * {@code vectors[i * dimension]}), allocating every cluster exactly once: peak memory is the input plus the
     * index, without the growth slack of {@link Builder} (which ran out of a 10 GB heap at 1M x 1024-d).
     */
    public static IvfIndex build(String modelId, Centroids centroids, long[] ids, float[] vectors, int count,
            int[] assignment) {
        int dimension = centroids.dimension();
        int[] sizes = new int[centroids.k()];
        for (int i = 0; i < count; i++) {
            sizes[assignment[i]]++;
        }
        CandidateScan scan = new CandidateScan(centroids);
        int words = scan.words();
        long[][] clusterIds = new long[sizes.length][];
        float[][] clusterVectors = new float[sizes.length][];
        long[][] clusterCodes = new long[sizes.length][];
        float[][] clusterScalars = new float[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            clusterIds[c] = new long[sizes[c]];
            clusterVectors[c] = new float[Math.multiplyExact(sizes[c], dimension)];
            clusterCodes[c] = new long[Math.multiplyExact(sizes[c], words)];
            clusterScalars[c] = new float[Math.multiplyExact(sizes[c], CandidateScan.SCALARS)];
        }
        CandidateScan.Encoded encoded = scan.encodeAll(vectors, count, assignment);
        int[] filled = new int[sizes.length];
        for (int i = 0; i < count; i++) {
            int c = assignment[i];
            int position = filled[c]++;
            clusterIds[c][position] = ids[i];
            System.arraycopy(vectors, i * dimension, clusterVectors[c], position * dimension, dimension);
            System.arraycopy(encoded.codes(), i * words, clusterCodes[c], position * words, words);
            System.arraycopy(encoded.scalars(), i * CandidateScan.SCALARS, clusterScalars[c],
                    position * CandidateScan.SCALARS, CandidateScan.SCALARS);
        }
        Cluster[] clusters = new Cluster[sizes.length];
        for (int c = 0; c < sizes.length; c++) {
            clusters[c] = new Cluster(clusterIds[c], clusterVectors[c], clusterCodes[c], clusterScalars[c], sizes[c]);
        }
        return new IvfIndex(modelId, centroids, scan, clusters, DEFAULT_CANDIDATES);
    }

    public static Builder builder(String modelId, Centroids centroids) {
        return new Builder(modelId, centroids);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return centroids.dimension();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int clusters() {
        return clusters.length;
    }

    /** Faces in cluster {@code cluster}. */
    public int clusterSize(int cluster) {
        return clusters[cluster].size();
    }

    public Centroids centroids() {
        return centroids;
    }

    /** Candidates re-ranked exactly per query ({@link #EXACT}: none, every probed face is measured exactly). */
    public int candidates() {
        return candidates;
    }

    /** The same index (sharing all data) re-ranking {@code candidates} per query, or {@link #EXACT}. */
    public IvfIndex withCandidates(int candidates) {
        return new IvfIndex(modelId, centroids, scan, clusters, candidates);
    }

    @Override
    public long bytes() {
        long bytes = (long) centroids.k() * centroids.dimension() * Float.BYTES;
        for (Cluster cluster : clusters) {
            bytes += cluster.bytes();
        }
        return bytes;
    }

    @Override
    public List<Neighbor> search(String queryModelId, float[] query, int k, int nprobe) {
        requireSameModel(queryModelId, query);
        int[] probed = centroids.probe(query, nprobe);
        return candidates == EXACT ? scanExactly(query, k, probed) : scanCodesThenRerank(query, k, probed);
    }

    private List<Neighbor> scanExactly(float[] query, int k, int[] probed) {
        int dimension = dimension();
        TopK top = new TopK(k);
        for (int c : probed) {
            Cluster cluster = clusters[c];
            float[] vectors = cluster.vectors();
            for (int i = 0, n = cluster.size(); i < n; i++) {
                top.offer(cluster.id(i), VectorMath.squaredL2(query, 0, vectors, i * dimension, dimension));
            }
        }
        return top.sorted();
    }

    private List<Neighbor> scanCodesThenRerank(float[] query, int k, int[] probed) {
        int dimension = dimension();
        TopK top = new TopK(k);
        for (long candidate : scan.scan(query, probed, lists, Math.max(k, candidates)).ids()) {
            Cluster cluster = clusters[CandidateScan.cluster(candidate)];
            int i = CandidateScan.position(candidate);
            top.offer(cluster.id(i), VectorMath.squaredL2(query, 0, cluster.vectors(), i * dimension, dimension));
        }
        return top.sorted();
    }

    /** This snapshot plus one face, assigned to its nearest centroid; this snapshot is unchanged. */
    @Override
    public IvfIndex withFace(long id, float[] vector) {
        requireSameModel(modelId, vector);
        int[] cluster = {centroids.assign(vector, 0)};
        Cluster[] next = clusters.clone();
        next[cluster[0]] = clusters[cluster[0]].with(id, vector, 0, dimension(), scan.encodeAll(vector, 1, cluster),
                scan.words());
        return new IvfIndex(modelId, centroids, scan, next, candidates);
    }

    /**
     * This snapshot without the faces whose ids are in {@code removed} (ids it does not hold are ignored); clusters
     * holding none of them are shared, the others copied without them. One pass over the ids, O(faces).
     */
    @Override
    public IvfIndex withoutFaces(java.util.Set<Long> removed) {
        Cluster[] next = new Cluster[clusters.length];
        for (int c = 0; c < clusters.length; c++) {
            next[c] = clusters[c].without(removed, dimension(), scan.words());
        }
        return new IvfIndex(modelId, centroids, scan, next, candidates);
    }

    /**
     * Builds a snapshot from batches of contiguous vectors: each batch is assigned to clusters and encoded in
     * parallel ({@link Centroids#assignAll}, {@link CandidateScan#encodeAll}), then copied into growing
     * per-cluster arrays. Not thread-safe.
     */
    public static final class Builder implements FaceIndexBuilder {
        private final String modelId;
        private final Centroids centroids;
        private final CandidateScan scan;
        private final Cluster[] clusters;

        private Builder(String modelId, Centroids centroids) {
            this.modelId = modelId;
            this.centroids = centroids;
            this.scan = new CandidateScan(centroids);
            this.clusters = new Cluster[centroids.k()];
            Arrays.fill(clusters, Cluster.EMPTY);
        }

        /** Adds {@code count} faces: {@code ids[i]} with the vector at {@code vectors[i * dimension]}. */
        public Builder addAll(long[] ids, float[] vectors, int count) {
            int dimension = centroids.dimension();
            int[] assignment = centroids.assignAll(vectors, count);
            CandidateScan.Encoded encoded = scan.encodeAll(vectors, count, assignment);
            for (int i = 0; i < count; i++) {
                Cluster cluster = clusters[assignment[i]];
                clusters[assignment[i]] = cluster.with(ids[i], vectors, i, dimension, encoded, scan.words());
            }
            return this;
        }

        public IvfIndex build() {
            Cluster[] trimmed = new Cluster[clusters.length];
            for (int c = 0; c < clusters.length; c++) {
                trimmed[c] = clusters[c].trimmed(centroids.dimension(), scan.words());
            }
            return new IvfIndex(modelId, centroids, scan, trimmed, DEFAULT_CANDIDATES);
        }
    }
}
