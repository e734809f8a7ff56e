package org.facesearch.bench.index;

import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.CodeBlocks;
import org.facesearch.index.FaceIndex;
import org.facesearch.index.IvfIndex;
import org.facesearch.index.ScalarBlocks;
import org.facesearch.index.SignCodes;

/**
 * The IVF index for sizes whose float32 vectors do not fit in memory (10M x 1024-d = 41 GB): each cluster keeps
 * 1-bit codes with their two scalars ({@link SignCodes}, 136 bytes a face at 1024-d), int8 codes
 * ({@link ScalarQuantizer}, 1 byte per dimension) and the row of each face in a memory-mapped {@link VectorFile}.
 *
 * <p>A query narrows down in three passes over its {@code nprobe} clusters: {@link CandidateScan} scores every
 * face from its 1-bit code and keeps the best {@code candidates}; the int8 kernel re-scores those and keeps the
 * best {@code rerank}; their exact float32 distances from the file give the {@code k} returned. Distances
 * returned are exact; only the candidate sets are approximate. With {@code candidates} = {@link IvfIndex#EXACT}
 * the first pass is skipped and every probed face is scored from its int8 code. The exact pass reads
 * {@code rerank} random rows of the file, each one page: fast when the page cache holds them, a disk read each
 * when it does not, which is why the int8 pass sits in between and keeps {@code rerank} small.
 *
 * <p>Immutable and safe for concurrent queries. Built in one pass over an already written file, from the
 * cluster of every row: sizes are known first, so every cluster's arrays are allocated exactly once (no growth
 * slack at 10 GB of codes). Appending to this index is not supported yet: new faces go to a rebuild.
 */
public final class QuantizedIvfIndex implements FaceIndex {
    private static final int BUILD_BATCH = 4_096;

    private final String modelId;
    private final Centroids centroids;
    private final ScalarQuantizer quantizer;
    private final CandidateScan scan;
    private final VectorFile vectors;
    private final long[] faceIds;
    private final byte[][] signCodes;
    private final float[][] scalars;
    private final byte[][] codes;
    private final int[][] rows;
    private final int candidates;
    private final int rerank;
    private final CandidateScan.Lists lists = new CandidateScan.Lists() {
        @Override
        public int size(int cluster) {
            return rows[cluster].length;
        }

        @Override
        public byte[] blocks(int cluster) {
            return signCodes[cluster];
        }

        @Override
        public float[] scalars(int cluster) {
            return scalars[cluster];
        }
    };

    private QuantizedIvfIndex(QuantizedIvfIndex data, int candidates, int rerank) {
        this(data.modelId, data.centroids, data.quantizer, data.scan, data.vectors, data.faceIds, data.signCodes,
                data.scalars, data.codes, data.rows, candidates, rerank);
    }

    private QuantizedIvfIndex(String modelId, Centroids centroids, ScalarQuantizer quantizer, CandidateScan scan,
            VectorFile vectors, long[] faceIds, byte[][] signCodes, float[][] scalars, byte[][] codes, int[][] rows,
            int candidates, int rerank) {
        if (candidates < 0 || rerank < 1) {
            throw new IllegalArgumentException("candidates " + candidates + ", rerank " + rerank);
        }
        this.modelId = modelId;
        this.centroids = centroids;
        this.quantizer = quantizer;
        this.scan = scan;
        this.vectors = vectors;
        this.faceIds = faceIds;
        this.signCodes = signCodes;
        this.scalars = scalars;
        this.codes = codes;
        this.rows = rows;
        this.candidates = candidates;
        this.rerank = rerank;
    }

    /**
     * Builds the codes from {@code vectors}, reading the file once in batches encoded in parallel.
     *
     * @param faceIds        face id of each row of the file
     * @param clusterOfRow   cluster of each row (e.g. from {@link Centroids#assignAll} while writing the file)
     * @param candidates     faces kept by the 1-bit pass ({@link IvfIndex#EXACT}: no 1-bit pass)
     * @param rerank         faces kept by the int8 pass and re-ranked exactly (at least k)
     */
    public static QuantizedIvfIndex build(String modelId, Centroids centroids, ScalarQuantizer quantizer,
            VectorFile vectors, long[] faceIds, int[] clusterOfRow, int candidates, int rerank) {
        if (vectors.dimension() != centroids.dimension() || vectors.rows() != faceIds.length
                || faceIds.length != clusterOfRow.length || vectors.rows() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("file rows " + vectors.rows() + ", ids " + faceIds.length
                    + ", assignments " + clusterOfRow.length);
        }
        int dimension = centroids.dimension();
        CandidateScan scan = new CandidateScan(centroids);
        int words = scan.words();
        int[] sizes = new int[centroids.k()];
        for (int c : clusterOfRow) {
            sizes[c]++;
        }
        byte[][] codes = new byte[sizes.length][];
        byte[][] signCodes = new byte[sizes.length][];
        float[][] scalars = new float[sizes.length][];
        int[][] rows = new int[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            codes[c] = new byte[Math.multiplyExact(sizes[c], dimension)];
            signCodes[c] = new byte[CodeBlocks.bytes(sizes[c], words)];
            scalars[c] = new float[ScalarBlocks.length(sizes[c])];
            rows[c] = new int[sizes[c]];
        }
        int[] filled = new int[sizes.length];
        float[] batch = new float[BUILD_BATCH * dimension];
        for (int first = 0; first < clusterOfRow.length; first += BUILD_BATCH) {
            int count = Math.min(BUILD_BATCH, clusterOfRow.length - first);
            for (int i = 0; i < count; i++) {
                vectors.read(first + i, batch, i * dimension);
            }
            int[] clusters = Arrays.copyOfRange(clusterOfRow, first, first + count);
            CandidateScan.Encoded encoded = scan.encodeAll(batch, count, clusters);
            for (int i = 0; i < count; i++) {
                int c = clusters[i];
                int position = filled[c]++;
                quantizer.encode(batch, i * dimension, codes[c], position * dimension, dimension);
                encoded.put(i, words, signCodes[c], scalars[c], position);
                rows[c][position] = first + i;
            }
        }
        vectors.adviseRandomAccess();
        return new QuantizedIvfIndex(modelId, centroids, quantizer, scan, vectors, faceIds.clone(), signCodes, scalars,
                codes, rows, candidates, rerank);
    }

    /** The same index (sharing all data) keeping {@code candidates} after the 1-bit pass and {@code rerank} after the int8 pass. */
    public QuantizedIvfIndex withDepth(int candidates, int rerank) {
        return new QuantizedIvfIndex(this, candidates, rerank);
    }

    public int candidates() {
        return candidates;
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

    /** Heap bytes: both codes, scalars, rows, face ids, centroids (the float32 file is mapped, not counted). */
    @Override
    public long bytes() {
        long bytes = (long) faceIds.length * Long.BYTES + (long) centroids.k() * centroids.dimension() * Float.BYTES;
        for (int c = 0; c < codes.length; c++) {
            bytes += codes[c].length + signCodes[c].length + (long) scalars[c].length * Float.BYTES
                    + (long) rows[c].length * Integer.BYTES;
        }
        return bytes;
    }

    @Override
    public List<Neighbor> search(String queryModelId, float[] query, int k, int nprobe) {
        requireSameModel(queryModelId, query);
        int dimension = dimension();
        int[] probed = centroids.probe(query, nprobe);
        byte[] queryCodes = quantizer.encode(query);
        TopK rescored = new TopK(Math.max(k, rerank));
        if (candidates == IvfIndex.EXACT) {
            for (int c : probed) {
                for (int i = 0; i < rows[c].length; i++) {
                    rescored.offer(CandidateScan.candidate(c, i), VectorMath.squaredL2(queryCodes, 0, codes[c], i * dimension, dimension));
                }
            }
        } else {
            for (long candidate : scan.scan(query, probed, lists, Math.max(k, candidates)).ids()) {
                int c = CandidateScan.cluster(candidate);
                int i = CandidateScan.position(candidate);
                rescored.offer(candidate, VectorMath.squaredL2(queryCodes, 0, codes[c], i * dimension, dimension));
            }
        }
        TopK top = new TopK(k);
        for (long candidate : rescored.ids()) {
            int row = rows[CandidateScan.cluster(candidate)][CandidateScan.position(candidate)];
            top.offer(faceIds[row], vectors.squaredL2(query, row));
        }
        return top.sorted();
    }
}
