package org.facesearch.bench.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.facesearch.cli.Main;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.vector.VectorMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench vectors} writes bench search's corpus row for row (across its write chunks), its queries, and a
 * ground truth equal to a plain exact search over the rows and to the corpus' identities.
 */
class VectorsBenchTest {
    private static final int FACES = 20_000;   // more than one chunk of 16,384
    private static final int QUERIES = 12;
    private static final int DIMENSION = 64;
    private static final long SEED = 5;

    @TempDir
    Path dir;

    @Test
    void writesTheCorpusItsQueriesAndTheirExactTopTen() throws Exception {
        Path base = dir.resolve("base.f32");
        Path queries = dir.resolve("queries.f32");
        Path truthFile = dir.resolve("q.truth");
        int code = Main.execute(Main.commandLine(), "bench", "vectors", "--faces", "" + FACES, "--queries", "" + QUERIES,
                "--dimension", "" + DIMENSION, "--seed", "" + SEED, "--out", base.toString(), "--queries-out",
                queries.toString(), "--truth-out", truthFile.toString());
        assertEquals(0, code);

        SyntheticFaces corpus = new SyntheticFaces(BenchCorpus.generator(new CommandLine(new VectorsBench()), null,
                DIMENSION, SEED, line -> { }), FACES);
        float[] rows = new float[FACES * DIMENSION];
        corpus.fill(0, FACES, rows);
        assertArrayEquals(rows, BenchCorpus.readFloats(base));
        int[] queryIdentities = new int[QUERIES];
        float[] queryRows = BenchCorpus.queries(corpus, QUERIES, SEED, queryIdentities);
        assertArrayEquals(queryRows, BenchCorpus.readFloats(queries));

        GroundTruth truth = GroundTruth.read(truthFile);
        assertArrayEquals(queryIdentities, truth.queryIdentities());
        assertArrayEquals(IntStream.range(0, FACES).map(corpus::identityOf).toArray(), truth.rowIdentities());
        for (int q = 0; q < QUERIES; q++) {
            int query = q;
            long[] nearest = IntStream.range(0, FACES).boxed()
                    .sorted(Comparator.comparingDouble((Integer r) -> VectorMath.squaredL2(queryRows, query * DIMENSION,
                            rows, r * DIMENSION, DIMENSION)).thenComparingInt(r -> r))
                    .limit(10).mapToLong(Integer::longValue).toArray();
            assertArrayEquals(nearest, truth.ids()[q], "query " + q);
        }
        Quality exact = truth.quality(truth.ids());
        assertEquals(1.0, exact.recall());
        assertEquals(Quality.of(truth.ids(), truth.ids(), queryIdentities, corpus), exact);
    }
}
