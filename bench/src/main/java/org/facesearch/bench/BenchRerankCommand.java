package org.facesearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.facesearch.bench.index.VectorFile;
import org.facesearch.cli.CliContext;
import org.facesearch.cli.ContextCommand;
import org.facesearch.cli.UserException;
import org.facesearch.index.RerankVectors;
import org.facesearch.search.DatabaseVectors;
import org.facesearch.store.faces.Faces;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch bench rerank}: what the exact re-rank of one query costs from each place the server could read
 * its candidates' float32 vectors: MySQL by primary key ({@link DatabaseVectors}, what the server does) and a
 * memory-mapped float32 file of the same faces (the layout a local vector cache would have; the file the database
 * was filled from with {@code import --vectors} is exactly that). Each query re-ranks {@code --candidates} random
 * faces, read twice: the first pass sees the caches as they are (cold after dropping the page cache and starting
 * the database afresh), the second the same ids again (warm). Prints p50/p99 per query and the process's resident
 * memory that the mapped file added.
 */
@Command(name = "rerank", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the exact re-rank's vector reads per query: MySQL by primary key against a memory-mapped "
                + "float32 file of the same faces (row r = face FIRST_ID + r), cold then warm."},
        footer = {"", "Example:", "  facesearch --home /tmp/b1m bench rerank --vectors base.f32 --queries 300"})
final class BenchRerankCommand extends ContextCommand {
    @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "The float32 file the faces were imported from.")
    Path vectors;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model of the faces (default: faceres).")
    String model = "faceres";

    @Option(names = "--dimension", paramLabel = "D", description = "Vector dimension (default: 1024).")
    int dimension = 1024;

    @Option(names = "--queries", paramLabel = "Q", description = "Queries per pass (default: 300).")
    int queries = 300;

    @Option(names = "--candidates", paramLabel = "N", description = "Candidates re-ranked per query (default: 200).")
    int candidates = 200;

    @Override
    protected int run(CliContext context) {
        DSLContext db = context.database().dsl();
        long count = Faces.count(db, model);
        long last = Faces.lastId(db, model);
        long first = last - count + 1;
        try {
            if (count == 0 || Files.size(vectors) != count * dimension * Float.BYTES) {
                throw new UserException(vectors + " does not hold the " + count + " faces of " + model + " in this database");
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + vectors + ": " + e.getMessage());
        }
        SplittableRandom random = new SplittableRandom(5);
        long[][] ids = new long[queries][candidates];
        for (long[] query : ids) {
            for (int i = 0; i < candidates; i++) {
                query[i] = first + random.nextLong(count);
            }
        }
        RerankVectors mysql = new DatabaseVectors(db);
        System.out.printf("%,d faces (ids %d..%d), %d queries of %d random candidates; load average %s%n", count, first,
                last, queries, candidates, loadAverage());
        System.out.println("| source | pass | p50 ms | p99 ms | mean ms | process RSS after (file-backed) |");
        System.out.println("|---|---|---|---|---|---|");
        try (VectorFile file = VectorFile.open(vectors, dimension)) {
            file.adviseRandomAccess();
            RerankVectors mapped = (faces, d, target) -> {
                for (int i = 0; i < faces.length; i++) {
                    file.read(faces[i] - first, target, i * d);
                }
                boolean[] found = new boolean[faces.length];
                Arrays.fill(found, true);
                return found;
            };
            for (String pass : new String[] {"first (as cached)", "again (warm)"}) {
                print("MySQL by primary key", pass, time(mysql, ids));
                print("memory-mapped float32 file", pass, time(mapped, ids));
            }
        }
        return 0;
    }

    private long[] time(RerankVectors source, long[][] ids) {
        float[] target = new float[candidates * dimension];
        long[] nanos = new long[ids.length];
        for (int q = 0; q < ids.length; q++) {
            long start = System.nanoTime();
            source.read(ids[q], dimension, target);
            nanos[q] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private void print(String source, String pass, long[] sorted) {
        System.out.printf("| %s | %s | %.2f | %.2f | %.2f | %s |%n", source, pass, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6, Arrays.stream(sorted).average().orElse(0) / 1e6,
                rss());
    }

    private static String rss() {
        try {
            String total = "?";
            String file = "?";
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) total = line.substring(6).strip();
                if (line.startsWith("RssFile:")) file = line.substring(8).strip();
            }
            return total + " (" + file + ")";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
