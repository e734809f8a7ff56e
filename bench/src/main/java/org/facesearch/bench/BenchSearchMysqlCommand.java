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
import org.facesearch.bench.search.BenchCorpus;
import org.facesearch.bench.search.GroundTruth;
import org.facesearch.bench.search.Quality;
import org.facesearch.config.ConfigKey;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.vector.Neighbor;
import java.io.IOException;
import java.nio.file.Path;
import org.facesearch.search.SearchParams;

/**
 * {@code facesearch bench search-mysql}: latency of searches that read and scan clusters from MySQL exactly as
 * {@code facesearch search} does it ({@link ClusterScan}, the part after embedding that {@code search --timings}
 * prints): by default one full cluster (nprobe 1); with {@code --clustered} the clustering {@code bench cluster}
 * left, at a chosen nprobe; with {@code --query-vectors} and {@code --truth} the faces {@code bench vectors} piped
 * into {@code import --vectors -} (any size: nothing but the queries and the truth file is read), with recall@10 and
 * identity recall against the exact answers of the truth file.
 */
@Command(name = "search-mysql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store one cluster of N synthetic face-like vectors (default 47,000: a full cluster at the "
                + "default cap) and time searches that read and scan it from MySQL: p50/p95 of the total, the read "
                + "and the scan, bytes read per query.",
                "With --clustered: search the faces 'bench cluster' stored, through their clustering, at --nprobe.",
                "With --query-vectors and --truth: search the faces 'bench vectors' wrote and 'import --vectors' stored, "
                        + "with recall@10 and identity recall against the exact answers."},
        footer = {"", "Examples:", "  facesearch --home /tmp/bench bench search-mysql --queries 100",
                "  facesearch --home /tmp/bench bench search-mysql --clustered --faces 1000000 --nprobe 8",
                "  facesearch --home /tmp/b10m bench search-mysql --query-vectors q.f32 --truth q.truth"})
final class BenchSearchMysqlCommand extends ContextCommand {
    @Option(names = "--faces", paramLabel = "N", description = "Faces in the cluster (default: 47000); with --clustered, the --faces of 'bench cluster'.")
    int faces = 47_000;

    @Option(names = "--dimension", paramLabel = "D", description = "Vector dimension (default: 1024, faceres).")
    int dimension = 1024;

    @Option(names = "--queries", paramLabel = "Q", description = "Timed queries (default: 50), after the warm-up queries; "
            + "with --query-vectors, all of the file's.")
    int queries = 50;

    @Option(names = "--clustered", description = "Instead, search the faces 'bench cluster' left in the database "
            + "(its --faces and --dimension) through their clustering, reading --nprobe clusters per query.")
    boolean clustered;

    @Option(names = "--nprobe", paramLabel = "N", description = "Clusters read per query with --clustered (default: 1) "
            + "or --query-vectors (default: search.nprobe, as 'facesearch search').")
    Integer nprobe;
    /** HOME/cache, where the searches keep their search cache as 'facesearch search' does. */
    private java.nio.file.Path cache;

    @Option(names = "--query-vectors", paramLabel = "FILE", description = "Instead, search the imported faces of --model "
            + "with these float32 queries ('bench vectors --queries-out'); needs --truth.")
    Path queryVectors;

    @Option(names = "--truth", paramLabel = "FILE", description = "With --query-vectors: the exact answers and identities "
            + "('bench vectors --truth-out'); row r of the import is the model's face r in id order.")
    Path truth;

    @Option(names = "--model", paramLabel = "MODEL", description = "With --query-vectors: the faces' model (default: faceres).")
    String importedModel = EmbedderModel.FACERES.id();

    @Option(names = "--warm-up", paramLabel = "N", description = "Untimed queries first (default: 3; 0 for a cold first query).")
    int warmUp = 3;

    @Override
    protected int run(CliContext context) throws IOException {
        cache = context.config().home().resolve("cache");
        if ((queryVectors == null) != (truth == null)) {
            throw new UserException("--query-vectors and --truth go together");
        }
        if (queryVectors != null) {
            return searchImported(context);
        }
        DSLContext db = context.database().dsl();
        String model;
        SyntheticFaces corpus;
        int nprobe = this.nprobe == null ? 1 : this.nprobe;
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
        float[] vectors = corpus.queries(queries + warmUp, 12, new int[queries + warmUp]);
        Timed timed = time(db, model, vectors, nprobe);
        out().printf("database %s; %,d faces of %d-d in %d cluster(s), nprobe %d: %,d faces and %,d MB read per query "
                        + "on average; %d queries after %d warm-up%n%n", context.database().url().replaceAll("\\?.*", ""),
                faces, dimension, Clusterings.active(db, model).orElseThrow().k(), nprobe, timed.faces / queries,
                (timed.bytes / queries) >> 20, queries, warmUp);
        timed.print();
        return FaceSearchCommand.EXIT_OK;
    }

    /** The faces {@code bench vectors} wrote, searched with its queries and scored against its truth file. */
    private int searchImported(CliContext context) throws IOException {
        DSLContext db = context.database().dsl();
        GroundTruth exact = GroundTruth.read(truth);
        float[] vectors = BenchCorpus.readFloats(queryVectors);
        int count = vectors.length / dimension;
        long stored = Faces.count(db, importedModel);
        if (count != exact.ids().length || stored != exact.rowIdentities().length
                || Clusterings.active(db, importedModel).isEmpty()) {
            throw new UserException(String.format("%s holds %,d queries and %s the answers of %,d over %,d faces; this "
                    + "database has %,d faces of %s%s", queryVectors, count, truth, exact.ids().length,
                    exact.rowIdentities().length, stored, importedModel,
                    Clusterings.active(db, importedModel).isEmpty() ? ", not clustered" : ""));
        }
        long firstId = Faces.lastId(db, importedModel) - stored + 1;   // row r of the import is face firstId + r
        int probes = nprobe != null ? nprobe : SearchParams.parseNprobe(context.config().get(ConfigKey.SEARCH_NPROBE));
        float[] all = new float[(warmUp + count) * dimension];
        for (int w = 0; w < warmUp; w++) {
            System.arraycopy(vectors, (w % count) * dimension, all, w * dimension, dimension);
        }
        System.arraycopy(vectors, 0, all, warmUp * dimension, vectors.length);
        Timed timed = time(db, importedModel, all, probes);
        long[][] rows = new long[count][];
        for (int q = 0; q < count; q++) {
            rows[q] = Arrays.stream(timed.ids[q]).map(id -> id - firstId).toArray();
        }
        int clusters = Clusterings.active(db, importedModel).orElseThrow().k();
        Quality found = exact.quality(rows);
        Quality best = exact.quality(exact.ids());
        out().printf("database %s; %,d faces of %s in %d clusters, nprobe %d: %,d faces and %,d MB read per query on "
                        + "average; %d queries after %d warm-up (the first queries of the file again)%n",
                context.database().url().replaceAll("\\?.*", ""), stored, importedModel,
                clusters, new SearchParams(1, probes).nprobeFor(clusters), timed.faces / count,
                (timed.bytes / count) >> 20, count, warmUp);
        out().printf("recall@10 %.3f; identity recall %.3f (exact search %.3f); identity hit %.3f (exact search %.3f)%n%n",
                found.recall(), found.identityRecall(), best.identityRecall(), found.identityHit(), best.identityHit());
        timed.print();
        return FaceSearchCommand.EXIT_OK;
    }

    /** Searches every query of {@code vectors} as 'facesearch search' does, timing those after the first --warm-up. */
    private Timed time(DSLContext db, String model, float[] vectors, int nprobe) {
        int count = vectors.length / dimension - warmUp;
        try (ClusterScan scan = new ClusterScan(cache)) {
            return time(scan, db, model, vectors, nprobe, count);
        }
    }

    private Timed time(ClusterScan scan, DSLContext db, String model, float[] vectors, int nprobe, int count) {
        Timed timed = new Timed(new long[count], new long[count], new long[count], new long[count], new long[count][]);
        for (int q = 0; q < count + warmUp; q++) {
            float[] query = Arrays.copyOfRange(vectors, q * dimension, (q + 1) * dimension);
            long t = System.nanoTime();
            ScanResult result = scan.search(db, model, query, new SearchParams(10, nprobe)).orElseThrow();
            long elapsed = System.nanoTime() - t;
            int i = q - warmUp;
            if (i >= 0) {
                timed.total[i] = elapsed;
                timed.centroids[i] = result.centroidNanos();
                timed.reads[i] = result.readNanos();
                timed.scanned[i] = result.scanNanos();
                timed.ids[i] = result.neighbors().stream().mapToLong(Neighbor::id).toArray();
                timed.bytes += result.bytesRead();
                timed.faces += result.facesRead();
            }
        }
        return timed;
    }

    /** Per timed query: total, centroid search, cluster read and scan nanoseconds and the ids found; bytes and faces read in all. */
    private final class Timed {
        final long[] total;
        final long[] centroids;
        final long[] reads;
        final long[] scanned;
        final long[][] ids;
        long bytes;
        long faces;

        Timed(long[] total, long[] centroids, long[] reads, long[] scanned, long[][] ids) {
            this.total = total;
            this.centroids = centroids;
            this.reads = reads;
            this.scanned = scanned;
            this.ids = ids;
        }

        void print() {
            out().println("| step | p50 | p95 | max |");
            out().println("|---|---|---|---|");
            row("search (total)", total);
            row("centroid search", centroids);
            row("cluster read", reads);
            row("scan (codes, exact re-rank, top-10)", scanned);
        }
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
