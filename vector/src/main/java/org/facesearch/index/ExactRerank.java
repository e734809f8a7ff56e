package org.facesearch.index;

import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;

/**
 * The second pass of a search, shared by the server's index and the CLI's scan so that both rank alike: the
 * candidates' float32 vectors are read and the {@code k} nearest by exact squared L2 distance are returned,
 * nearest first, ties by smaller id. A candidate without a vector (forgotten meanwhile) is skipped.
 *
 * <p>Reads are what a re-rank costs (from MySQL, a disk read a candidate once the vectors outgrow the buffer
 * pool), so candidates that come with lower bounds of their distances ({@link CandidateScan#shortlist}), in
 * ascending order of them, are read in batches: after each batch, if the next candidate's bound is above the k-th
 * exact distance found, neither it nor any later one can enter the top k and none is read. The result is the same
 * as reading every candidate whenever the bounds hold.
 *
 * <p>The first batch is {@value #BATCH} candidates (at least k) and each next one twice the last. Each batch is a
 * round trip to the database that the next must wait for, and the bounds often cut nothing (a query whose person
 * is not stored: every face is far): 100 candidates took 7 batches of 16 but take 3 (16, 32, 52), at the cost of
 * reading at most one batch's worth more where the bounds cut. At 10M faces this took the CLI's re-rank from
 * p50 27 to 18 ms (BENCHMARKS.md, "10M after the parallel reads").
 */
public final class ExactRerank {
    /** Candidates of the first call of {@link RerankVectors#read} (one query to the database) while pruning. */
    static final int BATCH = 16;

    private ExactRerank() {
    }

    /** The nearest {@code k} and how many vectors were read to find them. */
    public record Result(List<Neighbor> nearest, int read) {
    }

    /** Reads every candidate ({@code candidates} in any order). */
    public static List<Neighbor> nearest(float[] query, int k, long[] candidates, RerankVectors source) {
        TopK top = new TopK(k);
        readInto(top, query, candidates, source);
        return top.sorted();
    }

    /**
     * Reads the candidates in batches, in the given order (ascending {@code lowerBounds}), until no later one can
     * enter the top {@code k}.
     */
    public static Result nearest(float[] query, int k, long[] candidates, float[] lowerBounds, RerankVectors source) {
        if (lowerBounds.length != candidates.length) {
            throw new IllegalArgumentException(candidates.length + " candidates, " + lowerBounds.length + " bounds");
        }
        TopK top = new TopK(k);
        int read = 0;
        int batch = Math.max(k, BATCH);
        while (read < candidates.length && !(top.size() == k && lowerBounds[read] > top.threshold())) {
            int end = read + Math.min(batch, candidates.length - read);
            readInto(top, query, Arrays.copyOfRange(candidates, read, end), source);
            read = end;
            batch = (int) Math.min(Integer.MAX_VALUE, 2L * batch);
        }
        return new Result(top.sorted(), read);
    }

    private static void readInto(TopK top, float[] query, long[] candidates, RerankVectors source) {
        int dimension = query.length;
        float[] read = new float[Math.multiplyExact(candidates.length, dimension)];
        boolean[] found = source.read(candidates, dimension, read);
        for (int i = 0; i < candidates.length; i++) {
            if (found[i]) {
                top.offer(candidates[i], VectorMath.squaredL2(query, 0, read, i * dimension, dimension));
            }
        }
    }
}
