package org.facesearch.bench.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.facesearch.index.IvfIndex;
import org.facesearch.index.TestFaces;

class QuantizedIvfIndexTest {
    private static final TestFaces FACES = new TestFaces(128, 4_000, 16, 100);

    @TempDir
    Path dir;

    @Test
    void int8ScanWithExactRerankReachesRecall95() throws IOException {
        try (VectorFile file = writeFile()) {
            assertRecall95WithExactDistances(build(file, IvfIndex.EXACT, 100));
        }
    }

    @Test
    void oneBitThenInt8ThenExactRerankReachesRecall95() throws IOException {
        try (VectorFile file = writeFile()) {
            assertRecall95WithExactDistances(build(file, 600, 100));
        }
    }

    private static void assertRecall95WithExactDistances(QuantizedIvfIndex index) {
        double found = 0;
        for (int q = 0; q < FACES.queryCount; q++) {
            float[] query = FACES.query(q);
            List<Long> exact = FACES.bruteForce(query, 10, 0).stream().map(Neighbor::id).toList();
            List<Neighbor> result = index.search(TestFaces.MODEL, query, 10, FACES.centroids.k());
            found += result.stream().filter(n -> exact.contains(n.id())).count();
            for (Neighbor n : result) {
                // distances are the exact float32 ones, not the int8 approximation
                assertEquals(VectorMath.squaredL2(query, 0, FACES.vectors, (int) n.id() * FACES.dimension,
                        FACES.dimension), n.distance(), 1e-6f);
            }
        }
        double recall = found / (10.0 * FACES.queryCount);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void refusesAnotherModel() throws IOException {
        try (VectorFile file = writeFile()) {
            QuantizedIvfIndex index = build(file, 100, 20);
            assertThrows(IllegalArgumentException.class, () -> index.search("mobileface", FACES.query(0), 10, 4));
        }
    }

    @Test
    void quantisedDistanceApproximatesTrueDistance() {
        ScalarQuantizer quantizer = ScalarQuantizer.fit(FACES.vectors, 500, FACES.dimension);
        float[] a = FACES.query(0);
        float[] b = FACES.query(1);
        float exact = VectorMath.squaredL2(a, 0, b, 0, FACES.dimension);
        float approximate = quantizer.squaredStep()
                * VectorMath.squaredL2(quantizer.encode(a), 0, quantizer.encode(b), 0, FACES.dimension);
        assertEquals(exact, approximate, 0.02f * exact);
    }

    @Test
    void vectorFileRoundTrips() throws IOException {
        try (VectorFile file = writeFile()) {
            assertEquals(FACES.count, file.rows());
            float[] row = new float[FACES.dimension];
            file.read(1234, row, 0);
            assertArrayEquals(Arrays.copyOfRange(FACES.vectors, 1234 * FACES.dimension, 1235 * FACES.dimension), row);
            assertEquals(System.getProperty("os.name").startsWith("Linux"), file.adviseRandomAccess(),
                    "madvise(MADV_RANDOM) on Linux");
            file.read(17, row, 0);
            assertArrayEquals(Arrays.copyOfRange(FACES.vectors, 17 * FACES.dimension, 18 * FACES.dimension), row,
                    "rows read the same after the advice");
        }
    }

    private VectorFile writeFile() throws IOException {
        Path path = dir.resolve("vectors.f32");
        try (VectorFile.Writer writer = VectorFile.create(path)) {
            writer.append(FACES.vectors, 0, FACES.vectors.length);
        }
        return VectorFile.open(path, FACES.dimension);
    }

    private QuantizedIvfIndex build(VectorFile file, int candidates, int rerank) {
        ScalarQuantizer quantizer = ScalarQuantizer.fit(FACES.vectors, 1_000, FACES.dimension);
        int[] clusters = FACES.centroids.assignAll(FACES.vectors, FACES.count);
        return QuantizedIvfIndex.build(TestFaces.MODEL, FACES.centroids, quantizer, file, FACES.ids, clusters, candidates, rerank);
    }
}
