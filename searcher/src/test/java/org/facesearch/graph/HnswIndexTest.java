package org.facesearch.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.index.LiveIndex;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorCodec;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The graph index against a linear scan, the test of the look-alike design it comes from: on 10,000 random
 * 300-d vectors, with a search breadth large enough, the graph's top 10 is exactly the linear scan's (ids in
 * order, exact distances) for every query. Faces added later are found, removed ones are not, and a query of
 * another model is refused.
 */
class HnswIndexTest {
    private static final int N = 10_000, D = 300, QUERIES = 50;
    private static float[] vectors;
    private static long[] ids;
    private static HnswIndex index;

    @BeforeAll
    static void build() {
        SplittableRandom random = new SplittableRandom(11);
        vectors = new float[N * D];
        ids = new long[N];
        for (int i = 0; i < N; i++) {
            System.arraycopy(randomUnit(random), 0, vectors, i * D, D);
            ids[i] = 1_000 + 3L * i;
        }
        // degree 32 rather than the default 64: half the build time, and the property tested holds for any degree
        index = HnswIndex.builder("m", D, 10).construction(32, HnswIndex.CONSTRUCTION_BREADTH, 1.2f).addAll(ids, vectors, N).build();
    }

    @Test
    void wideEnoughSearchEqualsTheLinearScan() {
        SplittableRandom random = new SplittableRandom(12);
        HnswIndex wide = index.withBreadth(2_500);   // 1,000 missed one of the 500 answers once: the parallel build varies
        for (int q = 0; q < QUERIES; q++) {
            float[] query = randomUnit(random);
            List<Neighbor> expected = linearScan(query, 10), actual = wide.search("m", query, 10, 0);
            assertEquals(expected.stream().map(Neighbor::id).toList(), actual.stream().map(Neighbor::id).toList(), "query " + q);
            for (int i = 0; i < 10; i++) {
                // the same arithmetic, but the Vector API's lane reduction may round differently before and after JIT
                assertEquals(expected.get(i).distance(), actual.get(i).distance(), 1e-5f, "exact distances");
            }
        }
    }

    @Test
    void addedFacesAreFoundThroughTheLiveIndex() {
        HnswIndex grown = HnswIndex.builder("m", D, 64).addAll(ids, vectors, 2_000).build();
        LiveIndex live = new LiveIndex(grown);
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 20; i++) {
            float[] face = randomUnit(random);
            live.add("m", 5_000_000L + i, face);
            assertEquals(5_000_000L + i, live.search("m", face, 1, 0).getFirst().id(), "a new face is its own nearest");
        }
        assertEquals(2_020, live.current().size());
        float[] first = Arrays.copyOfRange(vectors, 0, D);
        live.remove(java.util.Set.of(ids[0]));
        assertEquals(2_019, live.current().size());
        assertTrue(live.search("m", first, 10, 0).stream().noneMatch(n -> n.id() == ids[0]), "a removed face is never found");
    }

    @Test
    void refusesAnotherModel() {
        assertThrows(IllegalArgumentException.class, () -> index.search("other", new float[D], 10, 0));
        assertThrows(IllegalArgumentException.class, () -> index.search("m", new float[D + 1], 10, 0));
    }

    private static List<Neighbor> linearScan(float[] query, int k) {
        TopK top = new TopK(k);
        for (int i = 0; i < N; i++) top.offer(ids[i], VectorMath.squaredL2(query, 0, vectors, i * D, D));
        return top.sorted();
    }

    private static float[] randomUnit(SplittableRandom random) {
        float[] v = new float[D];
        for (int j = 0; j < D; j++) v[j] = (float) gaussian(random);
        return VectorCodec.normalize(v);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
