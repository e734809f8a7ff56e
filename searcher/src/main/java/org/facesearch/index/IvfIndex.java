package org.facesearch.index;

import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * The in-memory IVF-Flat index: one immutable snapshot of float32 vectors grouped by cluster.
 *
 * <p>A query finds its {@code nprobe} nearest centroids ({@code k * dimension} work, the same as FAISS's coarse
 * quantiser), then computes the exact squared L2 distance to every face of those clusters with
 * {@link VectorMath} and keeps the best {@code k} in a {@link TopK}. With {@code nprobe} equal to the number of
 * clusters the result is exactly brute force. Each cluster is one contiguous {@code float[]}, so a scan streams
 * memory sequentially; there is no per-face object.
 *
 * <p>Snapshots never change: {@link #withFace} returns a new snapshot that shares every cluster but one (see
 * {@link Cluster} for how that one shares its arrays). {@link LiveIndex} holds the current snapshot and swaps it
 * atomically, so a query runs entirely against one version. Memory: 4 bytes per dimension plus 8 per face plus
 * up to 50% spare capacity in clusters that grew by appends.
 */
public final class IvfIndex implements FaceIndex {
    private final String modelId;
    private final Centroids centroids;
    private final Cluster[] clusters;
    private final long size;

    private IvfIndex(String modelId, Centroids centroids, Cluster[] clusters) {
        this.modelId = modelId;
        this.centroids = centroids;
        this.clusters = clusters;
        this.size = Arrays.stream(clusters).mapToLong(Cluster::size).sum();
    }

    /** An index of no faces yet; faces are added with {@link #builder} or {@link LiveIndex#add}. */
    public static IvfIndex empty(String modelId, Centroids centroids) {
        Cluster[] clusters = new Cluster[centroids.k()];
        Arrays.fill(clusters, Cluster.EMPTY);
        return new IvfIndex(modelId, centroids, clusters);
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
        long[][] clusterIds = new long[sizes.length][];
        float[][] clusterVectors = new float[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            clusterIds[c] = new long[sizes[c]];
            clusterVectors[c] = new float[Math.multiplyExact(sizes[c], dimension)];
        }
        int[] filled = new int[sizes.length];
        for (int i = 0; i < count; i++) {
            int c = assignment[i];
            clusterIds[c][filled[c]] = ids[i];
            System.arraycopy(vectors, i * dimension, clusterVectors[c], filled[c]++ * dimension, dimension);
        }
        Cluster[] clusters = new Cluster[sizes.length];
        for (int c = 0; c < sizes.length; c++) {
            clusters[c] = new Cluster(clusterIds[c], clusterVectors[c], sizes[c]);
        }
        return new IvfIndex(modelId, centroids, clusters);
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
        int dimension = dimension();
        TopK top = new TopK(k);
        for (int c : centroids.probe(query, nprobe)) {
            Cluster cluster = clusters[c];
            float[] vectors = cluster.vectors();
            for (int i = 0, n = cluster.size(); i < n; i++) {
                top.offer(cluster.id(i), VectorMath.squaredL2(query, 0, vectors, i * dimension, dimension));
            }
        }
        return top.sorted();
    }

    /** This snapshot plus one face, assigned to its nearest centroid; this snapshot is unchanged. */
    IvfIndex withFace(long id, float[] vector) {
        requireSameModel(modelId, vector);
        int c = centroids.assign(vector, 0);
        Cluster[] next = clusters.clone();
        next[c] = clusters[c].with(id, vector, 0, dimension());
        return new IvfIndex(modelId, centroids, next);
    }

    /**
     * Builds a snapshot from batches of contiguous vectors: each batch is assigned to clusters in parallel
     * ({@link Centroids#assignAll}), then copied into growing per-cluster arrays. Not thread-safe.
     */
    public static final class Builder {
        private final String modelId;
        private final Centroids centroids;
        private final Cluster[] clusters;

        private Builder(String modelId, Centroids centroids) {
            this.modelId = modelId;
            this.centroids = centroids;
            this.clusters = new Cluster[centroids.k()];
            Arrays.fill(clusters, Cluster.EMPTY);
        }

        /** Adds {@code count} faces: {@code ids[i]} with the vector at {@code vectors[i * dimension]}. */
        public Builder addAll(long[] ids, float[] vectors, int count) {
            int dimension = centroids.dimension();
            int[] assignment = centroids.assignAll(vectors, count);
            for (int i = 0; i < count; i++) {
                this.clusters[assignment[i]] = this.clusters[assignment[i]].with(ids[i], vectors, i * dimension, dimension);
            }
            return this;
        }

        public IvfIndex build() {
            Cluster[] trimmed = new Cluster[clusters.length];
            for (int c = 0; c < clusters.length; c++) {
                trimmed[c] = clusters[c].trimmed(centroids.dimension());
            }
            return new IvfIndex(modelId, centroids, trimmed);
        }
    }
}
