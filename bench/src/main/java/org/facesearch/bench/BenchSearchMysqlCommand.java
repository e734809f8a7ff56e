package org.facesearch.bench;

import java.util.Arrays;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.search.ClusterScan;
import org.facesearch.search.ScanResult;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.facesearch.cli.CliContext;
import org.facesearch.cli.ConsoleProgress;
import org.facesearch.cli.ContextCommand;
import org.facesearch.cli.FaceSearchCommand;
import org.facesearch.cli.UserException;
import org.facesearch.store.faces.Faces;
import org.facesearch.search.SearchParams;

/**
 * {@code facesearch bench search-mysql}: latency of searches that read and scan clusters from MySQL exactly as
 * {@code facesearch search} does it ({@link ClusterScan}): by default one full cluster (nprobe 1); with
 * {@code --clustered} the clustering {@code bench cluster} left, at a chosen nprobe.
 */
@Command(name = "search-mysql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store one cluster of N synthetic face-like vectors (default 47,000: a full cluster at the "
                + "default cap) and time searches that read and scan it from MySQL: p50/p95 of the total, the read "
                + "and the scan, bytes read per query.",
                "With --clustered: search the faces 'bench cluster' stored, through their clustering, at --nprobe."},
        footer = {"", "Examples:", "  facesearch --home /tmp/bench bench search-mysql --queries 100",
                "  facesearch --home /tmp/bench bench search-mysql --clustered --faces 1000000 --nprobe 8"})
final class BenchSearchMysqlCommand extends ContextCommand {
    @Option(names = "--faces", paramLabel = "N", description = "Faces in the cluster (default: 47000); with --clustered, the --faces of 'bench cluster'.")
    int faces = 47_000;

    @Option(names = "--dimension", paramLabel = "D", description = "Vector dimension (default: 1024, faceres).")
    int dimension = 1024;

    @Option(names = "--queries", paramLabel = "Q", description = "Timed queries (default: 50), after 3 warm-up queries.")
    int queries = 50;

    @Option(names = "--clustered", description = "Instead, search the faces 'bench cluster' left in the database "
            + "(its --faces and --dimension) through their clustering, reading --nprobe clusters per query.")
    boolean clustered;

    @Option(names = "--nprobe", paramLabel = "N", description = "Clusters read per query with --clustered (default: 1).")
    int nprobe = 1;

    @Override
    protected int run(CliContext context) {
        DSLContext db = context.database().dsl();
        String model;
        SyntheticFaces corpus;
        if (clustered) {
            model = BenchClusterCommand.MODEL_PREFIX + dimension;
            corpus = SyntheticFaceLoader.corpus(dimension, faces, BenchClusterCommand.SEED);
            if (Faces.count(db, model) != faces || Clusterings.active(db, model).isEmpty()) {
                throw new UserException("no clustered " + faces + " faces of " + model + " in this database: run "
                        + "'facesearch bench cluster --faces " + faces + "' first");
            }
        } else {
            model = "bench-cluster-d" + dimension;
            corpus = SyntheticFaceLoader.corpus(dimension, faces, 11);
            nprobe = 1;
            if (SyntheticFaceLoader.ensureLoaded(db, model, corpus, new ConsoleProgress())
                    || Clusterings.active(db, model).isEmpty()) {
                new Recluster(db, ReclusterOptions.defaults(Integer.MAX_VALUE, 1).withK(1), ReclusterProgress.NONE)
                        .recluster(model);
            }
        }
        float[] queryVectors = corpus.queries(queries + 3, 12, new int[queries + 3]);
        ClusterScan scan = new ClusterScan();
        long[] total = new long[queries];
        long[] reads = new long[queries];
        long[] scanned = new long[queries];
        long bytes = 0;
        long read = 0;
        for (int q = 0; q < queries + 3; q++) {
            float[] query = Arrays.copyOfRange(queryVectors, q * dimension, (q + 1) * dimension);
            long t = System.nanoTime();
            ScanResult result = scan.search(db, model, query, new SearchParams(10, nprobe)).orElseThrow();
            long elapsed = System.nanoTime() - t;
            if (q >= 3) {
                total[q - 3] = elapsed;
                reads[q - 3] = result.readNanos();
                bytes += result.bytesRead();
                read += result.facesRead();
                scanned[q - 3] = result.scanNanos();
            }
        }
        out().printf("database %s; %,d faces of %d-d in %d cluster(s), nprobe %d: %,d faces and %,d MB read per query "
                        + "on average; %d queries after 3 warm-up%n%n", context.database().url().replaceAll("\\?.*", ""),
                faces, dimension, Clusterings.active(db, model).orElseThrow().k(), nprobe, read / queries,
                (bytes / queries) >> 20, queries);
        out().println("| step | p50 | p95 | max |");
        out().println("|---|---|---|---|");
        row("search (total)", total);
        row("cluster read", reads);
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
