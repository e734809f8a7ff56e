package org.facesearch.bench.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.Test;

/**
 * The LSH baseline: a stored face shares every hash with itself, so it is its own nearest; with no bits every face
 * is a candidate and the answer is the linear scan's; more bits mean fewer candidates.
 */
class CosineLshTest {
    private static final int N = 2_000, D = 64;

    @Test
    void findsStoredFacesAndDegradesToTheLinearScan() {
        SplittableRandom random = new SplittableRandom(5);
        float[] vectors = new float[N * D];
        for (int i = 0; i < vectors.length; i++) vectors[i] = (float) (random.nextDouble() - 0.5);
        CosineLsh lsh = CosineLsh.build(vectors, N, D, 8, 9);
        for (int f = 0; f < 20; f++) {
            float[] face = Arrays.copyOfRange(vectors, f * D, (f + 1) * D);
            assertEquals(f, lsh.search(face, 1, 64).getFirst().id());
            TopK exact = new TopK(10);
            for (int i = 0; i < N; i++) exact.offer(i, VectorMath.squaredL2(face, 0, vectors, i * D, D));
            assertEquals(exact.sorted().stream().map(Neighbor::id).toList(), lsh.search(face, 10, 0).stream().map(Neighbor::id).toList());
            assertEquals(N, lsh.candidates(face, 0));
            assertTrue(lsh.candidates(face, 8) < lsh.candidates(face, 2), "longer hashes, fewer candidates");
        }
    }
}
