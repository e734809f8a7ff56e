package org.facesearch.index;

import java.util.List;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * The IVF index for sizes whose float32 vectors do not fit in memory (10M x 1024-d = 41 GB): each cluster keeps
 * int8 codes ({@link ScalarQuantizer}, 1 byte per dimension, contiguous) and the row of each face in a
 * memory-mapped {@link VectorFile}.
 *
 * <p>A query scans the codes of its {@code nprobe} clusters with the int8 SIMD kernel, keeps the
 * {@code rerank} best candidates, then computes their exact float32 distances from the file and returns the
 * best {@code k}. Distances returned are exact; only the candidate set is approximate. Re-rank reads
 * {@code rerank} random rows of the file, each one page: fast when the page cache holds them, a disk read
 * each when it does not.
 *
 * <p>Immutable and safe for concurrent queries. Built in one pass over an already written file, from the
 * cluster of every row: sizes are known first, so every cluster's array is allocated exactly once (no growth
 * slack at 10 GB of codes). Appending to this index is not supported yet: new faces go to a rebuild.
 */
public final class QuantizedIvfIndex implements FaceIndex {
    private final String modelId;
    private final Centroids centroids;
    private final ScalarQuantizer quantizer;
    private final VectorFile vectors;
    private final long[] faceIds;
    private final byte[][] codes;
    private final int[][] rows;
    private final int rerank;

    private QuantizedIvfIndex(String modelId, Centroids centroids, ScalarQuantizer quantizer, VectorFile vectors,
            long[] faceIds, byte[][] codes, int[][] rows, int rerank) {
        this.modelId = modelId;
        this.centroids = centroids;
        this.quantizer = quantizer;
        this.vectors = vectors;
        this.faceIds = faceIds;
        this.codes = codes;
        this.rows = rows;
        this.rerank = rerank;
    }

    /**
     * Builds the codes from {@code vectors}.
     *
     * @param faceIds        face id of each row of the file
     * @param clusterOfRow   cluster of each row (e.g. from {@link Centroids#assignAll} while writing the file)
     * @param rerank         candidates re-ranked exactly per query (at least k; a few hundred for recall 0.95+)
     */
    public static QuantizedIvfIndex build(String modelId, Centroids centroids, ScalarQuantizer quantizer,
            VectorFile vectors, long[] faceIds, int[] clusterOfRow, int rerank) {
        if (vectors.dimension() != centroids.dimension() || vectors.rows() != faceIds.length
                || faceIds.length != clusterOfRow.length || vectors.rows() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("file rows " + vectors.rows() + ", ids " + faceIds.length
                    + ", assignments " + clusterOfRow.length);
        }
        int dimension = centroids.dimension();
        int[] sizes = new int[centroids.k()];
        for (int c : clusterOfRow) {
            sizes[c]++;
        }
        byte[][] codes = new byte[sizes.length][];
        int[][] rows = new int[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            codes[c] = new byte[Math.multiplyExact(sizes[c], dimension)];
            rows[c] = new int[sizes[c]];
        }
        int[] filled = new int[sizes.length];
        float[] vector = new float[dimension];
        for (int row = 0; row < clusterOfRow.length; row++) {
            int c = clusterOfRow[row];
            vectors.read(row, vector, 0);
            quantizer.encode(vector, 0, codes[c], filled[c] * dimension, dimension);
            rows[c][filled[c]++] = row;
        }
        return new QuantizedIvfIndex(modelId, centroids, quantizer, vectors, faceIds.clone(), codes, rows, rerank);
    }

    /** The same index re-ranking {@code candidates} per query (shares all data). */
    public QuantizedIvfIndex withRerank(int candidates) {
        return new QuantizedIvfIndex(modelId, centroids, quantizer, vectors, faceIds, codes, rows, candidates);
    }

    public int rerank() {
        return rerank;
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
        return faceIds.length;
    }

    @Override
    public int clusters() {
        return codes.length;
    }

    /** Heap bytes: codes, rows, face ids, centroids (the float32 file is mapped, not counted). */
    @Override
    public long bytes() {
        long bytes = (long) faceIds.length * Long.BYTES + (long) centroids.k() * centroids.dimension() * Float.BYTES;
        for (int c = 0; c < codes.length; c++) {
            bytes += codes[c].length + (long) rows[c].length * Integer.BYTES;
        }
        return bytes;
    }

    @Override
    public List<Neighbor> search(String queryModelId, float[] query, int k, int nprobe) {
        requireSameModel(queryModelId, query);
        int dimension = dimension();
        byte[] queryCodes = quantizer.encode(query);
        TopK candidates = new TopK(Math.max(k, rerank));
        for (int c : centroids.probe(query, nprobe)) {
            byte[] clusterCodes = codes[c];
            int[] clusterRows = rows[c];
            for (int i = 0; i < clusterRows.length; i++) {
                candidates.offer(clusterRows[i], VectorMath.squaredL2(queryCodes, 0, clusterCodes, i * dimension, dimension));
            }
        }
        TopK top = new TopK(k);
        for (Neighbor candidate : candidates.sorted()) {
            int row = (int) candidate.id();
            top.offer(faceIds[row], vectors.squaredL2(query, row));
        }
        return top.sorted();
    }
}
