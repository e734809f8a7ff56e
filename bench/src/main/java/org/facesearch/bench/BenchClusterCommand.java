package org.facesearch.bench;

import java.time.Duration;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterReport;
import org.facesearch.synthetic.SyntheticFaces;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.facesearch.cli.CliContext;
import org.facesearch.cli.ConsoleProgress;
import org.facesearch.cli.ContextCommand;
import org.facesearch.cli.FaceSearchCommand;

/**
 * {@code facesearch bench cluster}: time and peak heap of reclustering N face-like vectors stored in the database,
 * split into sampling, training, assignment and write, with the resulting size distribution.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recluster N synthetic face-like vectors stored in the database and print time (sampling, "
                + "training, assignment, write, switch, cleanup), peak heap and the cluster sizes.",
                "Run 1 clusters faces that have no clustering yet; run 2 replaces that version (k = previous k + 1 "
                        + "at least), as a recluster of a growing database does. Loaded faces are kept for re-runs."},
        footer = {"", "Examples:", "  facesearch --home /tmp/bench bench cluster --faces 100000",
                "  FACESEARCH_JAVA_OPTS=-Xmx1g facesearch --home /tmp/bench bench cluster"})
final class BenchClusterCommand extends ContextCommand {
    /** Model id of the bench's faces (plus the dimension), and the seed of its corpus. */
    static final String MODEL_PREFIX = "bench-d";
    static final long SEED = 7;

    @Option(names = "--faces", paramLabel = "N", description = "Faces to recluster (default: 1000000).")
    long faces = 1_000_000;

    @Option(names = "--dimension", paramLabel = "D", description = "Vector dimension (default: 1024, faceres).")
    int dimension = 1024;

    @Option(names = "--cap", paramLabel = "FACES", description = "Cluster cap (default: cluster.cap).")
    Integer cap;

    @Option(names = "--runs", paramLabel = "R", description = "Reclusters to time, one after the other (default: 2).")
    int runs = 2;

    @Override
    protected int run(CliContext context) {
        DSLContext db = context.database().dsl();
        String model = MODEL_PREFIX + dimension;
        ConsoleProgress progress = new ConsoleProgress();
        SyntheticFaces corpus = SyntheticFaceLoader.corpus(dimension, faces, SEED);
        long t = System.nanoTime();
        if (SyntheticFaceLoader.ensureLoaded(db, model, corpus, progress)) {
            out().printf("loaded %,d faces (%,d identities, %d-d) in %.1f s%n", faces, corpus.identities(), dimension,
                    (System.nanoTime() - t) / 1e9);
        } else {
            out().printf("reusing %,d faces of %s already in the database%n", faces, model);
        }
        int c = cap != null ? cap : context.config().getInt(org.facesearch.config.ConfigKey.CLUSTER_CAP);
        double fill = context.config().getDouble(org.facesearch.config.ConfigKey.CLUSTER_FILL);
        out().printf("database %s; max heap %,d MB; cap %,d, fill %.2f%n%n", context.database().url().replaceAll("\\?.*", ""),
                HeapPeak.maxHeap() >> 20, c, fill);
        out().println("| run | faces | k | sample | sampling | training | stream (read / assign / write) | switch | cleanup "
                + "| total | peak heap | sizes min / median / max | over cap |");
        out().println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int run = 1; run <= runs; run++) {
            HeapPeak.reset();
            ReclusterReport r = new Recluster(db, ReclusterOptions.defaults(c, fill)
                    .withListSize(context.config().getInt(org.facesearch.config.ConfigKey.CLUSTER_LIST_SIZE)), progress).recluster(model);
            long peak = HeapPeak.bytes();
            out().printf("| %d | %,d | %,d | %,d | %s | %s | %s (%s / %s / %s) | %s | %s | %s | %,d MB | %,d / %,d / %,d | %d |%n",
                    run, r.faces() + r.caughtUp(), r.sizes().k(), r.sampleSize(), s(r.sampling()), s(r.training()),
                    s(r.stream()), s(r.read()), s(r.assign()), s(r.write()), s(r.switchOver()), s(r.cleanup()),
                    s(r.total()), peak >> 20, r.sizes().min(), r.sizes().median(), r.sizes().max(), r.sizes().overCap());
        }
        return FaceSearchCommand.EXIT_OK;
    }

    private static String s(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
