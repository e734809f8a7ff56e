package org.facesearch.bench.search;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.facesearch.bench.index.BruteForce;
import org.facesearch.bench.index.VectorFile;
import org.facesearch.synthetic.SyntheticFaces;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch bench vectors}: writes the corpus {@code bench search} measures (same {@code --seeds},
 * {@code --faces}, {@code --seed}: the same rows as its {@code base.f32}, the same queries) as float32 rows to a file
 * or to standard output, for {@code facesearch import --vectors -} to fill a database without a 41 GB file on disk
 * at 10M. Rows are generated on all cores a chunk ahead of the one being written, and written in order. In the same
 * pass it writes what measuring needs afterwards, since the rows are kept nowhere else: the queries, and a
 * {@link GroundTruth} with the exact top 10 of every query (streaming brute force over the rows as they are
 * generated) and every row's and query's identity. Messages go to standard error: standard output may be the rows.
 */
@Command(name = "vectors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write bench search's face-like corpus as float32 rows (to a file, or '-' for standard output, "
                + "e.g. piped into 'facesearch import --vectors -'), with its queries and the exact top 10 of each query "
                + "and every face's identity (--truth-out), for measuring a database filled from the pipe.",
                "The same --seeds, --faces, --seed and --dimension give the same rows as 'bench search' writes to base.f32."},
        footer = {"", "Example:",
                "  facesearch bench vectors --seeds seeds.f32 --faces 10000000 --queries 200 --out - \\",
                "      --queries-out q.f32 --truth-out q.truth | facesearch import --vectors - --quiet"})
public final class VectorsBench implements Callable<Integer> {
    private static final int K = 10;
    private static final int CHUNK = 16_384;
    private static final long REPORT_EVERY_NANOS = 30_000_000_000L;

    @Option(names = "--faces", paramLabel = "N", description = "Rows (faces) to write (default ${DEFAULT-VALUE}).")
    long faces = 1_000_000;
    @Option(names = "--queries", paramLabel = "Q", description = "Query photos (new photos of stored identities) (default ${DEFAULT-VALUE}).")
    int queries = 200;
    @Option(names = "--dimension", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}: faceres).")
    int dimension = 1024;
    @Option(names = "--seeds", paramLabel = "FILE", description = "Real embeddings (float32 rows) the generator draws its statistics from, as for bench search.")
    Path seeds;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 42;
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where the rows go: a file, or '-' for standard output.")
    String out;
    @Option(names = "--queries-out", paramLabel = "FILE", description = "Write the queries as float32 rows here.")
    Path queriesOut;
    @Option(names = "--truth-out", paramLabel = "FILE", description = "Write the exact top 10 of every query (ids = row "
            + "numbers) and the identity of every query and row here (computed while the rows are generated).")
    Path truthOut;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (faces < 1 || faces > Integer.MAX_VALUE || queries < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--faces must be 1.." + Integer.MAX_VALUE
                    + " and --queries positive");
        }
        SyntheticFaces corpus = new SyntheticFaces(BenchCorpus.generator(spec.commandLine(), seeds, dimension, seed,
                System.err::println), faces);
        int[] queryIdentities = new int[queries];
        float[] queryVectors = BenchCorpus.queries(corpus, queries, seed, queryIdentities);
        if (queriesOut != null) {
            try (VectorFile.Writer writer = VectorFile.create(queriesOut)) {
                writer.append(queryVectors, 0, queryVectors.length);
            }
        }
        System.err.printf("writing %,d faces of %,d identities (%d-d) to %s%s%n", faces, corpus.identities(), dimension,
                out.equals("-") ? "standard output" : out, truthOut == null ? "" : ", exact top 10 of " + queries + " queries");
        BruteForce exact = truthOut == null ? null : new BruteForce(queryVectors, queries, dimension, K);
        long start = System.nanoTime();
        double exactSeconds = write(corpus, exact);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("wrote %,d faces in %.1f s (%,.0f faces/s; exact search %.1f s of it)%n", faces, seconds,
                faces / seconds, exactSeconds);
        if (truthOut != null) {
            int[] rowIdentities = new int[(int) faces];
            for (int identity = 0; identity < corpus.identities(); identity++) {
                int first = (int) corpus.firstFaceOf(identity);
                Arrays.fill(rowIdentities, first, first + corpus.facesOf(identity), identity);
            }
            long[][] ids = exact.ids();
            GroundTruth truth = new GroundTruth(K, queryIdentities, ids, rowIdentities);
            truth.write(truthOut);
            Quality quality = truth.quality(ids);
            System.err.printf("exact search: identity recall %.3f, identity hit %.3f; truth written to %s%n",
                    quality.identityRecall(), quality.identityHit(), truthOut);
        }
        return 0;
    }

    /** Generates chunk c + 1 while chunk c is written and searched; returns the seconds spent in exact search. */
    private double write(SyntheticFaces corpus, BruteForce exact) throws Exception {
        float[][] chunks = {new float[CHUNK * dimension], new float[CHUNK * dimension]};
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ExecutorService generator = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("generator").factory());
        double exactSeconds = 0;
        long lastReport = System.nanoTime();
        long start = lastReport;
        try (WritableByteChannel channel = open()) {
            Future<?> next = generator.submit(() -> corpus.fill(0, (int) Math.min(CHUNK, faces), chunks[0]));
            for (long first = 0, c = 0; first < faces; first += CHUNK, c++) {
                int count = (int) Math.min(CHUNK, faces - first);
                next.get();
                float[] current = chunks[(int) (c % 2)];
                long following = first + CHUNK;
                if (following < faces) {
                    float[] target = chunks[(int) ((c + 1) % 2)];
                    next = generator.submit(() -> corpus.fill(following, (int) Math.min(CHUNK, faces - following), target));
                }
                bytes.clear();
                bytes.asFloatBuffer().put(current, 0, count * dimension);
                bytes.limit(count * dimension * Float.BYTES);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (exact != null) {
                    long t = System.nanoTime();
                    exact.accumulate(current, count, first);
                    exactSeconds += (System.nanoTime() - t) / 1e9;
                }
                long now = System.nanoTime();
                if (now - lastReport >= REPORT_EVERY_NANOS) {
                    lastReport = now;
                    double seconds = (now - start) / 1e9;
                    System.err.printf("  %,d / %,d faces, %,.0f faces/s%n", first + count, faces, (first + count) / seconds);
                }
            }
        } finally {
            generator.shutdownNow();
        }
        return exactSeconds;
    }

    private WritableByteChannel open() throws IOException {
        if (out.equals("-")) {
            return new FileOutputStream(FileDescriptor.out).getChannel();
        }
        return FileChannel.open(Path.of(out), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
