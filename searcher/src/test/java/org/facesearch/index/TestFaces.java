package org.facesearch.index;

import java.util.Arrays;
import java.util.List;

import org.facesearch.cluster.KMeansTrainer;
import org.facesearch.index.synthetic.FaceLikeGenerator;
import org.facesearch.index.synthetic.FaceStatistics;
import org.facesearch.index.synthetic.SyntheticFaces;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;



/** A small face-like corpus shared by the index tests: vectors, ids 0..n-1, k-means centroids, queries. */
final class TestFaces {
    static final String MODEL = "faceres";
    final int dimension;
    final int count;
    final float[] vectors;
    final long[] ids;
    final Centroids centroids;
    final float[] queries;
    final int queryCount;

    TestFaces(int dimension, int count, int clusters, int queryCount) {
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
        centroids = new KMeansTrainer(clusters, 40, 10, 3).train(vectors, count, dimension);
        queries = faces.queries(queryCount, 4, new int[queryCount]);
    }

    float[] query(int q) {
        return Arrays.copyOfRange(queries, q * dimension, (q + 1) * dimension);
    }

    IvfIndex index() {
        return IvfIndex.builder(MODEL, centroids).addAll(ids, vectors, count).build();
    }

    /** Exact top k over all vectors, with ids shifted by {@code idOffset}. */
    List<Neighbor> bruteForce(float[] query, int k, long idOffset) {
        TopK top = new TopK(k);
        for (int i = 0; i < count; i++) {
            top.offer(ids[i] + idOffset, VectorMath.squaredL2(query, 0, vectors, i * dimension, dimension));
        }
        return top.sorted();
    }
}
