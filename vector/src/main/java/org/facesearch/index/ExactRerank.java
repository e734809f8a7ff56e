package org.facesearch.index;

import java.util.List;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * The second pass of a search, shared by the server's index and the CLI's scan so that both rank alike: the
 * candidates' float32 vectors are read in one call and the {@code k} nearest by exact squared L2 distance are
 * returned, nearest first, ties by smaller id. A candidate without a vector (forgotten meanwhile) is skipped.
 */
public final class ExactRerank {
    private ExactRerank() {
    }

    public static List<Neighbor> nearest(float[] query, int k, long[] candidates, RerankVectors source) {
        int dimension = query.length;
        float[] read = new float[Math.multiplyExact(candidates.length, dimension)];
        boolean[] found = source.read(candidates, dimension, read);
        TopK top = new TopK(k);
        for (int i = 0; i < candidates.length; i++) {
            if (found[i]) {
                top.offer(candidates[i], VectorMath.squaredL2(query, 0, read, i * dimension, dimension));
            }
        }
        return top.sorted();
    }
}
