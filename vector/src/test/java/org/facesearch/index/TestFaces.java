package org.facesearch.index;

import java.util.Arrays;
import java.util.List;

import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.FaceStatistics;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Lloyd;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;



/** A small face-like corpus shared by the index tests: vectors, ids 0..n-1, k-means centroids, queries. */
public final class TestFaces {
    public static final String MODEL = "faceres";
    public final int dimension;
    public final int count;
    public final float[] vectors;
    public final long[] ids;
    public final Centroids centroids;
    public final float[] queries;
    public final int queryCount;

    public TestFaces(int dimension, int count, int clusters, int queryCount) {
        this.dimension = dimension;
        this.count = count;
        this.queryCount = queryCount;
        FaceLikeGenerator generator = FaceLikeGenerator.calibrated(FaceStatistics.fallback(dimension, 1), 2, 0.41, 0.79);
        SyntheticFaces faces = new SyntheticFaces(generator, count);
        vectors = new float[count * dimension];
        faces.fill(0, count, vectors);
        ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i;
        }
        centroids = Lloyd.refine(vectors, count, dimension, spreadSeeds(clusters), clusters, 10);
        queries = faces.queries(queryCount, 4, new int[queryCount]);
    }

    /** k initial centroids: vectors spread evenly over the corpus (its order is random). */
    private float[] spreadSeeds(int k) {
        float[] seeds = new float[k * dimension];
        for (int c = 0; c < k; c++) {
            System.arraycopy(vectors, (int) ((long) c * count / k) * dimension, seeds, c * dimension, dimension);
        }
        return seeds;
    }

    /**
     * The faces as {@code scan}'s lists, one per centroid, faces in id order: list {@code c} holds the ids
     * {@code members[c]}.
     */
    public record Lists(int[][] members, CandidateScan.Lists lists) {
    }

    public Lists lists(CandidateScan scan) {
        int[] clusterOf = centroids.assignAll(vectors, count);
        CandidateScan.Encoded encoded = scan.encodeAll(vectors, count, clusterOf);
        int[][] members = new int[centroids.k()][];
        for (int c = 0; c < members.length; c++) {
            int target = c;
            members[c] = java.util.stream.IntStream.range(0, count).filter(i -> clusterOf[i] == target).toArray();
        }
        int words = scan.words();
        byte[][] blocks = new byte[members.length][];
        float[][] scalars = new float[members.length][];
        for (int c = 0; c < members.length; c++) {
            blocks[c] = new byte[CodeBlocks.bytes(members[c].length, words)];
            scalars[c] = new float[ScalarBlocks.length(members[c].length)];
            for (int i = 0; i < members[c].length; i++) {
                encoded.put(members[c][i], words, blocks[c], scalars[c], i);
            }
        }
        return new Lists(members, new CandidateScan.Lists() {
            @Override
            public int size(int c) {
                return members[c].length;
            }

            @Override
            public byte[] blocks(int c) {
                return blocks[c];
            }

            @Override
            public float[] scalars(int c) {
                return scalars[c];
            }
        });
    }

    public float[] query(int q) {
        return Arrays.copyOfRange(queries, q * dimension, (q + 1) * dimension);
    }

    public IvfIndex index() {
        return IvfIndex.build(MODEL, centroids, ids, vectors, count, centroids.assignAll(vectors, count));
    }

    /** Exact top k over all vectors, with ids shifted by {@code idOffset}. */
    public List<Neighbor> bruteForce(float[] query, int k, long idOffset) {
        TopK top = new TopK(k);
        for (int i = 0; i < count; i++) {
            top.offer(ids[i] + idOffset, VectorMath.squaredL2(query, 0, vectors, i * dimension, dimension));
        }
        return top.sorted();
    }
}
