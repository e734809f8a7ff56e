package org.facesearch.index;

import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;

/**
 * The in-memory IVF index: one immutable snapshot of the 1-bit codes of faces grouped by cluster, with a source of
 * their float32 vectors for the exact re-rank.
 *
 * <p>A query finds its {@code nprobe} nearest centroids ({@code k * dimension} work, the same as FAISS's coarse
 * quantiser), then searches those clusters in two passes: {@link CandidateScan} scores every face from its
 * {@link SignCodes} code (136 bytes at 1024-d instead of 4 KB) against the query's {@link LookupQuery} and keeps
 * the best {@link #candidates()}; their exact squared L2 distances, from the float32 vectors that
 * {@link RerankVectors} supplies (the database for the server, the heap for benchmarks), give the {@code k}
 * returned, nearest first ({@link ExactRerank}: a candidate whose estimate's lower bound is above the k-th exact
 * distance already found is not read). Distances returned are exact; only the candidate set is approximate, and a few hundred
 * candidates hold the true neighbours (BENCHMARKS.md, Search). A candidate whose vector is gone (a face forgotten
 * since the snapshot was made) is skipped. With {@code candidates} = {@link #EXACT} every face of the probed
 * clusters is measured exactly (IVF-Flat), and with {@code nprobe} equal to the number of clusters too the result
 * is exactly brute force. Each cluster's ids, codes and scalars are contiguous arrays; there is no per-face object.
 *
 * <p>Snapshots never change: {@link #withFace} returns a new snapshot that shares every cluster but one (see
 * {@link Cluster} for how that one shares its arrays). {@link LiveIndex} holds the current snapshot and swaps it
 * atomically, so a query runs entirely against one version. Memory per face: 8 bytes for the id and
 * {@code padded / 8 + 8} for the code and its two scalars (144 at 1024-d), plus the unused positions of each
 * cluster's last block of {@value CodeBlocks#BLOCK} and up to 50% spare capacity in clusters that grew by appends.
 */
public final class IvfIndex implements LiveFaceIndex {
    /** {@link #withCandidates} value that skips the code pass: every probed face is measured exactly. */
    public static final int EXACT = 0;
    /**
     * Candidates re-ranked exactly per query unless set otherwise. 100: through {@code serve} at 1M faces, where each
     * candidate's vector is a read from MySQL, 100 gave the same recall@10 as 200 (0.989) at 1.6x the requests/s
     * (BENCHMARKS.md, "Server at 1M: codes in the heap"; in memory, "Search" found the same).
     */
    public static final int DEFAULT_CANDIDATES = 100;

    private final String modelId;
    private final Centroids centroids;
    private final CandidateScan scan;
    private final Cluster[] clusters;
    private final RerankVectors vectors;
    private final long size;
    private final int candidates;
    private final CandidateScan.Lists lists = new CandidateScan.Lists() {
        @Override
        public int size(int cluster) {
            return clusters[cluster].size();
        }

        @Override
        public byte[] blocks(int cluster) {
            return clusters[cluster].blocks();
        }

        @Override
        public float[] scalars(int cluster) {
            return clusters[cluster].scalars();
        }
    };

    private IvfIndex(String modelId, Centroids centroids, CandidateScan scan, Cluster[] clusters,
            RerankVectors vectors, int candidates) {
        if (candidates < 0) {
            throw new IllegalArgumentException("candidates must be >= 0, got " + candidates);
        }
        this.modelId = modelId;
        this.centroids = centroids;
        this.scan = scan;
        this.clusters = clusters;
        this.vectors = vectors;
        this.size = Arrays.stream(clusters).mapToLong(Cluster::size).sum();
        this.candidates = candidates;
    }

    /**
     * An index of the codes of a clustering as stored: cluster {@code c} holds faces {@code ids[c]} with their
     * codes at position {@code i} of {@code blocks[c]} ({@link CodeBlocks}) and scalars in {@code scalars[c]}
     * ({@link ScalarBlocks}; the arrays are kept, not copied); the re-rank reads vectors from {@code vectors}.
     */
    public static IvfIndex ofCodes(String modelId, Centroids centroids, CandidateScan scan, long[][] ids,
            byte[][] blocks, float[][] scalars, RerankVectors vectors) {
        if (ids.length != centroids.k() || blocks.length != ids.length || scalars.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " lists for " + centroids.k() + " centroids");
        }
        Cluster[] clusters = new Cluster[ids.length];
        for (int c = 0; c < ids.length; c++) {
            int n = ids[c].length;
            if (blocks[c].length < CodeBlocks.bytes(n, scan.words()) || scalars[c].length < ScalarBlocks.length(n)) {
                throw new IllegalArgumentException("list " + c + ": " + n + " ids but " + blocks[c].length + " code bytes and "
                        + scalars[c].length + " scalars");
            }
            clusters[c] = new Cluster(ids[c], blocks[c], scalars[c], n);
        }
        return new IvfIndex(modelId, centroids, scan, clusters, vectors, DEFAULT_CANDIDATES);
    }

    /**
     * Builds from {@code count} faces whose clusters are known ({@code assignment[i]} for {@code ids[i]} at
     * {@code vectors[i * dimension]}), allocating every cluster exactly once; the re-rank reads the given vectors
     * in place ({@link InMemoryVectors}).
     */
    public static IvfIndex build(String modelId, Centroids centroids, long[] ids, float[] vectors, int count,
            int[] assignment) {
        return build(modelId, centroids, ids, vectors, count, assignment,
                new InMemoryVectors(ids, vectors, count, centroids.dimension()));
    }

    /** As {@link #build(String, Centroids, long[], float[], int, int[])}, re-ranking with {@code rerank}. */
    public static IvfIndex build(String modelId, Centroids centroids, long[] ids, float[] vectors, int count,
            int[] assignment, RerankVectors rerank) {
        int[] sizes = new int[centroids.k()];
        for (int i = 0; i < count; i++) {
            sizes[assignment[i]]++;
        }
        CandidateScan scan = new CandidateScan(centroids);
        int words = scan.words();
        long[][] clusterIds = new long[sizes.length][];
        byte[][] clusterBlocks = new byte[sizes.length][];
        float[][] clusterScalars = new float[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            clusterIds[c] = new long[sizes[c]];
            clusterBlocks[c] = new byte[CodeBlocks.bytes(sizes[c], words)];
            clusterScalars[c] = new float[ScalarBlocks.length(sizes[c])];
        }
        CandidateScan.Encoded encoded = scan.encodeAll(vectors, count, assignment);
        int[] filled = new int[sizes.length];
        for (int i = 0; i < count; i++) {
            int c = assignment[i];
            int position = filled[c]++;
            clusterIds[c][position] = ids[i];
            encoded.put(i, words, clusterBlocks[c], clusterScalars[c], position);
        }
        return ofCodes(modelId, centroids, scan, clusterIds, clusterBlocks, clusterScalars, rerank);
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

    /** List {@code cluster} as it is now ({@link CodeFile} writes it). */
    Cluster cluster(int cluster) {
        return clusters[cluster];
    }

    /** The lists as the scan reads them. */
    CandidateScan.Lists lists() {
        return lists;
    }

    /** The encoder of the lists' codes (its rotated centroids). */
    CandidateScan scan() {
        return scan;
    }

    /** Candidates re-ranked exactly per query ({@link #EXACT}: none, every probed face is measured exactly). */
    public int candidates() {
        return candidates;
    }

    /** The same index (sharing all data) re-ranking {@code candidates} per query, or {@link #EXACT}. */
    public IvfIndex withCandidates(int candidates) {
        return new IvfIndex(modelId, centroids, scan, clusters, vectors, candidates);
    }

    /** Bytes of centroids, ids, codes and scalars held in the heap (the re-rank's vectors are not counted). */
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
        if (candidates == EXACT) {
            return ExactRerank.nearest(query, k, everyFace(probed), vectors);
        }
        CandidateScan.Shortlist shortlist = scan.shortlist(query, probed, lists, Math.max(k, candidates));
        long[] ids = shortlist.faceIds((cluster, position) -> clusters[cluster].id(position));
        return ExactRerank.nearest(query, k, ids, shortlist.lowerBounds(), vectors).nearest();
    }

    private long[] everyFace(int[] probed) {
        int total = 0;
        for (int c : probed) {
            total += clusters[c].size();
        }
        long[] ids = new long[total];
        int n = 0;
        for (int c : probed) {
            Cluster cluster = clusters[c];
            for (int i = 0, size = cluster.size(); i < size; i++) {
                ids[n++] = cluster.id(i);
            }
        }
        return ids;
    }

    /**
     * This snapshot plus one face, assigned to its nearest centroid and encoded (the vector itself is only passed
     * on to {@link RerankVectors#added}); this snapshot is unchanged.
     */
    @Override
    public IvfIndex withFace(long id, float[] vector) {
        requireSameModel(modelId, vector);
        return withFaces(new long[] {id}, vector, 1);
    }

    /**
     * This snapshot plus {@code count} faces ({@code ids[i]} with its vector at {@code vectors[i * dimension]}),
     * assigned and encoded in parallel; this snapshot is unchanged.
     */
    public IvfIndex withFaces(long[] ids, float[] vectors, int count) {
        int dimension = dimension();
        int[] assignment = centroids.assignAll(vectors, count);
        CandidateScan.Encoded encoded = scan.encodeAll(vectors, count, assignment);
        Cluster[] next = clusters.clone();
        for (int i = 0; i < count; i++) {
            this.vectors.added(ids[i], Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension));
            next[assignment[i]] = next[assignment[i]].with(ids[i], encoded, i, scan.words());
        }
        return new IvfIndex(modelId, centroids, scan, next, this.vectors, candidates);
    }

    /**
     * This snapshot without the faces whose ids are in {@code removed} (ids it does not hold are ignored); clusters
     * holding none of them are shared, the others copied without them. One pass over the ids, O(faces).
     */
    @Override
    public IvfIndex withoutFaces(java.util.Set<Long> removed) {
        Cluster[] next = new Cluster[clusters.length];
        for (int c = 0; c < clusters.length; c++) {
            next[c] = clusters[c].without(removed, scan.words());
        }
        return new IvfIndex(modelId, centroids, scan, next, vectors, candidates);
    }
}
