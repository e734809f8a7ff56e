package org.facesearch.cli;

import java.util.Arrays;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.index.synthetic.SyntheticFaces;
import org.facesearch.search.ClusterScan;
import org.facesearch.search.ScanResult;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch bench search-mysql}: latency of one search that reads and scans one full cluster from MySQL,
 * exactly as {@code facesearch search} does it ({@link ClusterScan}, nprobe 1).
 */
@Command(name = "search-mysql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store one cluster of N synthetic face-like vectors (default 47,000: a full cluster at the "
                + "default cap) and time searches that read and scan it from MySQL: p50/p95 of the total, the read "
                + "and the scan, bytes read per query."},
        footer = {"", "Example:  facesearch --home /tmp/bench bench search-mysql --queries 100"})
final class BenchSearchMysqlCommand extends ContextCommand {
    @Option(names = "--faces", paramLabel = "N", description = "Faces in the cluster (default: 47000).")
    int faces = 47_000;

    @Option(names = "--dimension", paramLabel = "D", description = "Vector dimension (default: 1024, faceres).")
    int dimension = 1024;

    @Option(names = "--queries", paramLabel = "Q", description = "Timed queries (default: 50), after 3 warm-up queries.")
    int queries = 50;

    @Override
    protected int run(CliContext context) {
        DSLContext db = context.database().dsl();
        String model = "bench-cluster-d" + dimension;
        SyntheticFaces corpus = SyntheticFaceLoader.corpus(dimension, faces, 11);
        if (SyntheticFaceLoader.ensureLoaded(db, model, corpus, new ConsoleProgress())
                || org.facesearch.cluster.Clusterings.active(db, model).isEmpty()) {
            new Recluster(db, ReclusterOptions.defaults(Integer.MAX_VALUE, 1).withK(1), ReclusterProgress.NONE).recluster(model);
        }
        float[] queryVectors = corpus.queries(queries + 3, 12, new int[queries + 3]);
        ClusterScan scan = new ClusterScan();
        long[] total = new long[queries];
        long[] read = new long[queries];
        long[] scanned = new long[queries];
        ScanResult last = null;
        for (int q = 0; q < queries + 3; q++) {
            float[] query = Arrays.copyOfRange(queryVectors, q * dimension, (q + 1) * dimension);
            long t = System.nanoTime();
            last = scan.search(db, model, query, 10, 1).orElseThrow();
            long elapsed = System.nanoTime() - t;
            if (q >= 3) {
                total[q - 3] = elapsed;
                read[q - 3] = last.readNanos();
                scanned[q - 3] = last.scanNanos();
            }
        }
        out().printf("database %s; one cluster of %,d faces, %d-d; %,d MB read per query; %d queries after 3 warm-up%n%n",
                context.database().url().replaceAll("\\?.*", ""), last.facesRead(), dimension, last.bytesRead() >> 20, queries);
        out().println("| step | p50 | p95 | max |");
        out().println("|---|---|---|---|");
        row("search (total)", total);
        row("cluster read", read);
        row("scan (SIMD L2 + top-10)", scanned);
        return FaceSearchCommand.EXIT_OK;
    }

    private void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        out().printf("| %s | %.1f ms | %.1f ms | %.1f ms |%n", name, pct(sorted, 0.50), pct(sorted, 0.95),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
