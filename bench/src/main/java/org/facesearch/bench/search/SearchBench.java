package org.facesearch.bench.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.facesearch.cluster.KMeansTrainer;
import org.facesearch.cluster.UniformSample;
import org.facesearch.bench.index.BruteForce;
import org.facesearch.bench.index.CosineLsh;
import org.facesearch.graph.HnswIndex;
import org.facesearch.index.FaceIndex;
import org.facesearch.index.IvfIndex;
import org.facesearch.bench.index.QuantizedIvfIndex;
import org.facesearch.bench.index.ScalarQuantizer;
import org.facesearch.bench.index.VectorFile;
import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.vector.Centroids;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch bench search}: our in-memory IVF index against exact search, the cosine LSH baseline, the
 * jvector HNSW option, FAISS (IndexFlatL2, IndexIVFFlat on the same lists) and hnswlib, on the same face-like
 * synthetic vectors, in one run; prints one table and writes it into {@code BENCHMARKS.md}.
 *
 * <p>Steps: calibrate the generator and print the similarities it achieves; generate the faces and queries
 * (new photos of stored identities); train k-means on a sample; write base/queries/centroids as float32 files
 * for the Python peers and run them (before our index is built, so their memory and ours never add up); compute
 * the exact top 10 (ground truth); build our index and time it at each nprobe. With {@code --compressed} the
 * faces are streamed in chunks to a float32 file instead and searched with the int8 index plus exact re-rank:
 * the configuration for 10M x 1024-d, which does not fit in memory as float32.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Benchmark the in-memory search index against exact search, FAISS and hnswlib on face-like "
                + "synthetic vectors; print one table and rewrite the Search section of BENCHMARKS.md.",
        footer = {"", "Example:  facesearch bench search --faces 100000 --peers faiss",
                "          facesearch bench search --compressed --faces 10000000 --peers none"})
public final class SearchBench implements Callable<Integer> {
    private static final String MODEL = "faceres";
    private static final int K = 10;
    private static final int CHUNK = 65_536;

    @Option(names = "--faces", description = "faces indexed (default ${DEFAULT-VALUE})")
    long faces = 1_000_000;
    @Option(names = "--queries", description = "query photos (default ${DEFAULT-VALUE})")
    int queries = 1_000;
    @Option(names = "--dimension", description = "vector dimension (default ${DEFAULT-VALUE}: faceres)")
    int dimension = 1024;
    @Option(names = "--lists", description = "k-means clusters (default ${DEFAULT-VALUE})")
    int lists = 1024;
    @Option(names = "--points-per-centroid", description = "k-means training sample per cluster (default ${DEFAULT-VALUE})")
    int pointsPerCentroid = 32;
    @Option(names = "--iterations", description = "k-means iterations at most (default ${DEFAULT-VALUE})")
    int iterations = 10;
    @Option(names = "--nprobe", split = ",", description = "nprobe values (default ${DEFAULT-VALUE})")
    int[] nprobes = {4, 8, 16, 32, 64};
    @Option(names = "--threads", description = "threads for the QPS figure (default ${DEFAULT-VALUE})")
    int threads = 2;
    @Option(names = "--peers", split = ",", description = "peers to run: faiss, hnswlib (default ${DEFAULT-VALUE}); 'none' for none")
    List<String> peers = List.of("faiss", "hnswlib");
    @Option(names = "--flat-queries", description = "queries for FAISS IndexFlatL2 (slow) (default ${DEFAULT-VALUE})")
    int flatQueries = 100;
    @Option(names = "--peer-queries", description = "queries for FAISS IndexIVFFlat and hnswlib, the first of ours (default ${DEFAULT-VALUE})")
    int peerQueries = 1_000;
    @Option(names = "--hnsw-m", split = ",", description = "hnswlib M values (default ${DEFAULT-VALUE})")
    int[] hnswM = {16, 32};
    @Option(names = "--hnsw-ef", split = ",", description = "hnswlib ef values (default ${DEFAULT-VALUE})")
    int[] hnswEf = {64, 128, 256};
    @Option(names = "--hnsw-ef-construction", description = "hnswlib efConstruction (default ${DEFAULT-VALUE})")
    int hnswEfConstruction = 100;
    @Option(names = "--refine-k-factors", split = ",", description = "FAISS IVF-RaBitQ + IndexRefineFlat: candidates "
            + "re-ranked exactly, as multiples of k=10 (default ${DEFAULT-VALUE})")
    int[] refineKFactors = {10, 30};
    @Option(names = "--candidates", split = ",", description = "candidates re-ranked exactly after the 1-bit code pass; 0 = "
            + "no code pass, every probed face measured exactly (IVF-Flat) (default ${DEFAULT-VALUE})")
    int[] candidates = {0, 1000};
    @Option(names = "--lsh-tables", description = "cosine LSH baseline: hash tables (default ${DEFAULT-VALUE}; 0 = no LSH rows)")
    int lshTables = 50;
    @Option(names = "--lsh-bits", split = ",", description = "cosine LSH baseline: random hyperplanes (bits) per table, at most 64 (default ${DEFAULT-VALUE})")
    int[] lshBits = {64, 16};
    @Option(names = "--graph-breadth", split = ",", description = "jvector HNSW rows at these search breadths (efSearch); "
            + "none given = no graph rows (the 1M build takes minutes)")
    int[] graphBreadths = {};
    @Option(names = "--graph-m", description = "jvector HNSW degree M (default ${DEFAULT-VALUE})")
    int graphM = HnswIndex.DEGREE;
    @Option(names = "--graph-construction", description = "jvector HNSW construction breadth, efConstruction (default ${DEFAULT-VALUE})")
    int graphConstruction = HnswIndex.CONSTRUCTION_BREADTH;
    @Option(names = "--graph-alpha", description = "jvector HNSW pruning alpha, >= 1; larger keeps more edges (default ${DEFAULT-VALUE})")
    float graphAlpha = 1.2f;
    @Option(names = "--compressed", description = "int8 codes + exact re-rank from a memory-mapped float32 file")
    boolean compressed;
    @Option(names = "--reuse-file", description = "with --compressed: read the float32 file a previous run with the same "
            + "--faces, --dimension, --seed and --seeds wrote instead of generating it again")
    boolean reuseFile;
    @Option(names = "--rerank", split = ",", description = "re-rank candidates with --compressed (default ${DEFAULT-VALUE})")
    int[] reranks = {100, 200};
    @Option(names = "--seeds", description = "real embeddings (float32 little-endian rows) to draw faces from, e.g. written by 'facesearch faces PHOTO-FOLDER --vectors-out FILE'; default: documented fallback statistics")
    Path seeds;
    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;
    @Option(names = "--work-dir", description = "where vectors are written (default ${DEFAULT-VALUE})")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "facesearch-bench");
    @Option(names = "--python", description = "Python with FAISS/hnswlib (default ${DEFAULT-VALUE}: Debian's)")
    Path python = Path.of("/usr/bin/python3");
    @Option(names = "--report", description = "Markdown file whose Search section is rewritten (default ${DEFAULT-VALUE})")
    Path report = Path.of("BENCHMARKS.md");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<String> notes = new ArrayList<>();
    /** The stored faces, and the query photos with the identity of each: set once by {@link #call}, read by the runs. */
    private SyntheticFaces corpus;
    private float[] queryVectors;
    private int[] queryIdentities;
    private List<String> commandLine = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        commandLine = spec.commandLine().getParseResult().originalArgs();
        Files.createDirectories(workDir);
        FaceLikeGenerator generator = BenchCorpus.generator(spec.commandLine(), seeds, dimension, seed, line -> note("%s", line));
        corpus = new SyntheticFaces(generator, faces);
        note("%,d faces of %,d identities (1-20 each), %d-d, %,d queries (new photos of stored identities)",
                faces, corpus.identities(), dimension, queries);
        queryIdentities = new int[queries];
        queryVectors = BenchCorpus.queries(corpus, queries, seed, queryIdentities);
        List<Row> rows = compressed ? new CompressedRun().run() : new InMemoryRun().run();
        String table = BenchReport.table(rows);
        System.out.println();
        System.out.println(table);
        notes.forEach(System.out::println);
        writeReport(table);
        return 0;
    }

    private void note(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        notes.add("- " + line);
    }

    private Centroids train(float[] sample, int count) {
        long start = System.nanoTime();
        Centroids centroids = new KMeansTrainer(lists, pointsPerCentroid, iterations, seed).train(sample, count, dimension);
        note("k-means: %d lists trained with Smile on %,d sampled faces (%d per list, <= %d iterations) in %.1f s",
                lists, Math.min(count, lists * pointsPerCentroid), pointsPerCentroid, iterations, seconds(start));
        return centroids;
    }

    /** Our rows at each nprobe for one index. */
    private List<Row> measureOurs(String engine, FaceIndex index, float[][] queryRows, long[][] exact,
            double buildSeconds) throws InterruptedException {
        return measureOurs(engine, index, queryRows, exact, buildSeconds, nprobes);
    }

    private List<Row> measureOurs(String engine, FaceIndex index, float[][] queryRows, long[][] exact,
            double buildSeconds, int[] nprobes) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        QueryTimer timer = new QueryTimer(queries, threads);
        for (int nprobe : nprobes) {
            QueryTimer.Timing t = timer.measure(q -> index.search(MODEL, queryRows[q], K, nprobe));
            Quality quality = Quality.of(t.ids(), exact, queryIdentities, corpus);
            Row row = new Row(engine, "nprobe=" + nprobe, quality.recall(), quality.identityRecall(), t.p50Millis(),
                    t.p99Millis(), t.qps(), buildSeconds, (double) index.bytes() / index.size());
            System.out.printf("  %s %s: recall@10 %.3f, identity %.3f, p50 %.2f ms, p99 %.2f ms, %.0f QPS, exact nearest missed in %.1f%% of queries%n",
                    engine, row.parameters(), row.recall(), row.identityRecall(), row.p50Millis(), row.p99Millis(), row.qps(),
                    100 * missedNearest(t.ids(), exact));
            rows.add(row);
        }
        return rows;
    }

    /** The share of queries whose exact nearest face is not in the answer (for faces, most often the person's other photo). */
    private static double missedNearest(long[][] ids, long[][] exact) {
        int missed = 0;
        for (int q = 0; q < ids.length; q++) {
            long nearest = exact[q][0];
            if (Arrays.stream(ids[q]).noneMatch(id -> id == nearest)) missed++;
        }
        return (double) missed / ids.length;
    }

    /** The LSH baseline rows (same vectors, same queries), one per hash length, and its speed-up over brute force. */
    private List<Row> measureLsh(float[] vectors, int n, float[][] queryRows, long[][] exact, Row exactRow)
            throws InterruptedException {
        long start = System.nanoTime();
        CosineLsh lsh = CosineLsh.build(vectors, n, dimension, lshTables, seed + 7);
        double build = seconds(start);
        note("cosine LSH baseline: %d tables of up to %d random hyperplanes hashed in %.1f s", lshTables, CosineLsh.MAX_BITS, build);
        List<Row> rows = new ArrayList<>();
        QueryTimer timer = new QueryTimer(queries, threads);
        for (int bits : lshBits) {
            QueryTimer.Timing t = timer.measure(q -> lsh.search(queryRows[q], K, bits));
            Quality quality = Quality.of(t.ids(), exact, queryIdentities, corpus);
            double meanCandidates = IntStream.range(0, Math.min(queries, 100)).map(q -> lsh.candidates(queryRows[q], bits)).average().orElse(0);
            Row row = new Row("cosine LSH, " + lshTables + " tables, exact re-rank", bits + " hyperplanes", quality.recall(),
                    quality.identityRecall(), t.p50Millis(), t.p99Millis(), t.qps(), build, (double) lsh.bytes() / n + 4.0 * dimension);
            note("LSH %d tables x %d hyperplanes: recall@10 %.3f (%.1f of the true 10), %.0f candidates a query on average, "
                    + "%.0fx the QPS of exact brute force", lshTables, bits, row.recall(), 10 * row.recall(), meanCandidates,
                    row.qps() / exactRow.qps());
            rows.add(row);
        }
        return rows;
    }

    /** The graph's builder holding a copy of the faces (so that the caller can drop its array before the build). */
    private HnswIndex.Builder graphFaces(float[] vectors, int n) {
        long[] ids = IntStream.range(0, n).asLongStream().toArray();
        return HnswIndex.builder(MODEL, dimension, graphBreadths[0]).construction(graphM, graphConstruction, graphAlpha)
                .addAll(ids, vectors, n);
    }

    /** jvector HNSW rows at each breadth, the graph built from the faces copied into {@code faces}. */
    private List<Row> measureGraph(HnswIndex.Builder faces, int n, float[][] queryRows, long[][] exact) throws InterruptedException {
        System.gc();
        long start = System.nanoTime();
        HnswIndex graph = faces.build();
        double build = seconds(start);
        System.gc();
        note("jvector %s HNSW (M %d, efConstruction %d, alpha %.2f, Panama provider) built in %.1f s on %d cores; %,.0f bytes a face; heap in use %.1f GB",
                HnswIndex.JVECTOR_VERSION, graphM, graphConstruction, graphAlpha, build, Runtime.getRuntime().availableProcessors(),
                (double) graph.bytes() / n, usedHeapGb());
        List<Row> rows = new ArrayList<>();
        String engine = "jvector " + HnswIndex.JVECTOR_VERSION + " HNSW M " + graphM + ", efC " + graphConstruction
                + ", alpha " + graphAlpha + ", exact re-rank";
        for (int breadth : graphBreadths) {
            for (Row r : measureOurs(engine, graph.withBreadth(breadth), queryRows, exact, build, new int[] {0})) {
                rows.add(new Row(r.engine(), "breadth=" + breadth, r.recall(), r.identityRecall(), r.p50Millis(), r.p99Millis(),
                        r.qps(), r.buildSeconds(), r.bytesPerFace()));
            }
        }
        return rows;
    }

    private Row exactRow(BruteForceResult truth) {
        Quality quality = Quality.of(truth.ids, truth.ids, queryIdentities, corpus);
        return new Row("exact brute force (ours, SIMD, query blocks of 32)", "all faces", 1.0, quality.identityRecall(),
                Double.NaN, Double.NaN, queries / truth.seconds, Double.NaN, 4.0 * dimension + 8);
    }

    private record BruteForceResult(long[][] ids, double seconds) {
        static BruteForceResult of(BruteForce bruteForce, double seconds) {
            return new BruteForceResult(bruteForce.ids(), seconds);
        }
    }

    /** 1M-scale: float32 vectors in memory, peers on the same vectors. */
    private final class InMemoryRun {
        List<Row> run() throws IOException, InterruptedException {
            int n = Math.toIntExact(faces);
            long start = System.nanoTime();
            float[] vectors = new float[Math.multiplyExact(n, dimension)];
            corpus.fill(0, n, vectors);
            note("generated %,d faces in %.1f s", n, seconds(start));
            Centroids centroids = train(vectors, n);

            start = System.nanoTime();
            BruteForce bruteForce = new BruteForce(queryVectors, queries, dimension, K);
            bruteForce.accumulate(vectors, n, 0);
            BruteForceResult truth = BruteForceResult.of(bruteForce, seconds(start));
            List<Row> rows = new ArrayList<>();
            rows.add(exactRow(truth));

            start = System.nanoTime();
            int[] assignment = centroids.assignAll(vectors, n);
            double assignSeconds = seconds(start);

            List<Row> peerRows = List.of();
            if (!peers.contains("none")) {
                writePeerFiles(vectors, centroids, assignment);
                // the peers hold their own copy while they run: drop ours, read it back after (fits beside other work)
                vectors = null;
                peerRows = runPeers(truth.ids);
                vectors = BenchCorpus.readFloats(workDir.resolve("base.f32"));
            }

            start = System.nanoTime();
            long[] ids = IntStream.range(0, n).asLongStream().toArray();
            IvfIndex index = IvfIndex.build(MODEL, centroids, ids, vectors, n, assignment);
            double build = assignSeconds + seconds(start);
            note("our index build: assignment of every face (SIMD), 1-bit codes (rotation + signs) and copy into %d cluster-contiguous arrays: "
                    + "%.1f s (k-means training excluded; FAISS IVF is given the same lists and assignment, so its build is a copy)", lists, build);
            int[] sizes = IntStream.range(0, index.clusters()).map(index::clusterSize).sorted().toArray();
            note("cluster sizes: min %d, median %d, max %d", sizes[0], sizes[sizes.length / 2], sizes[sizes.length - 1]);

            float[][] queries = split(queryVectors);
            for (int candidateCount : candidates) {
                String engine = candidateCount == IvfIndex.EXACT
                        ? "ours IVF-Flat " + lists + " lists, float32, Java Vector API"
                        : "ours IVF " + lists + " lists, 1-bit RaBitQ codes, lookup-table scan + exact re-rank of " + candidateCount;
                for (Row r : measureOurs(engine, index.withCandidates(candidateCount), queries, truth.ids, build)) {
                    // the index holds codes; its re-rank reads float32 vectors kept beside it in the heap (as FAISS's
                    // refine index does), so they count in its bytes a face
                    rows.add(new Row(r.engine(), r.parameters(), r.recall(), r.identityRecall(), r.p50Millis(),
                            r.p99Millis(), r.qps(), r.buildSeconds(), r.bytesPerFace() + Float.BYTES * dimension));
                }
            }
            index = null;   // the other engines below need the heap
            if (lshTables > 0) rows.addAll(measureLsh(vectors, n, queries, truth.ids, rows.getFirst()));
            if (graphBreadths.length > 0) {
                HnswIndex.Builder graphFaces = graphFaces(vectors, n);
                vectors = null;   // the graph holds its own copy: 4 GB at 1M
                rows.addAll(measureGraph(graphFaces, n, queries, truth.ids));
            }
            rows.addAll(peerRows);
            compareWithFaiss(rows);
            for (double recall : new double[] {0.95, 0.99}) {
                compareAtRecall(rows, "FAISS IndexIVFRaBitQ ", recall);
                compareAtRecall(rows, "FAISS IndexIVFRaBitQFastScan", recall);
            }
            return rows;
        }

        private void writePeerFiles(float[] vectors, Centroids centroids, int[] assignment) throws IOException {
            long start = System.nanoTime();
            writeFloats(workDir.resolve("base.f32"), vectors);
            writeFloats(workDir.resolve("queries.f32"), queryVectors);
            float[] centroidData = new float[lists * dimension];
            for (int c = 0; c < lists; c++) {
                System.arraycopy(centroids.centroid(c), 0, centroidData, c * dimension, dimension);
            }
            writeFloats(workDir.resolve("centroids.f32"), centroidData);
            writeLongs(workDir.resolve("assign.i64"), assignment);
            note("wrote vectors for the peers to %s in %.1f s", workDir, seconds(start));
        }

        private List<Row> runPeers(long[][] exact) throws IOException, InterruptedException {
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("threads", threads);
            arguments.put("nprobes", nprobes);
            arguments.put("flat_queries", Math.min(flatQueries, queries));
            arguments.put("peer_queries", Math.min(peerQueries, queries));
            arguments.put("hnsw_m", hnswM);
            arguments.put("hnsw_ef", hnswEf);
            arguments.put("hnsw_ef_construction", hnswEfConstruction);
            arguments.put("refine_k_factors", refineKFactors);
            PythonPeers python = new PythonPeers(SearchBench.this.python, workDir, dimension);
            List<Row> rows = new ArrayList<>();
            for (String peer : peers) {
                System.out.println("running " + peer + " ...");
                rows.addAll(python.run(peer, arguments, (ids, count) -> Quality.of(ids,
                        Arrays.copyOf(exact, count), Arrays.copyOf(queryIdentities, count), corpus)));
            }
            return rows;
        }
    }

    /** 10M-scale: faces streamed to a float32 file, int8 codes in memory, exact re-rank from the mapped file. */
    private final class CompressedRun {
        List<Row> run() throws IOException, InterruptedException {
            int n = Math.toIntExact(faces);
            long start = System.nanoTime();
            long[] positions = UniformSample.positions(n, lists * pointsPerCentroid, seed);
            float[] sample = new float[positions.length * dimension];
            IntStream.range(0, positions.length).parallel()
                    .forEach(i -> fillOne(positions[i], sample, i * dimension));
            note("generated a uniform sample of %,d faces in %.1f s", positions.length, seconds(start));
            Centroids centroids = train(sample, positions.length);
            ScalarQuantizer quantizer = ScalarQuantizer.fit(sample, Math.min(positions.length, 10_000), dimension);

            start = System.nanoTime();
            Path file = workDir.resolve("faces-" + n + "x" + dimension + ".f32");
            int[] clusterOfRow = new int[n];
            BruteForce bruteForce = new BruteForce(queryVectors, queries, dimension, K);
            float[] chunk = new float[CHUNK * dimension];
            double exactSeconds = 0;
            boolean reuse = reuseFile && Files.isRegularFile(file) && Files.size(file) == (long) n * dimension * Float.BYTES;
            if (reuse) {
                note("vectors read back from %s (--reuse-file), not generated again", file);
            }
            try (VectorFile.Writer writer = reuse ? null : VectorFile.create(file);
                    VectorFile written = reuse ? VectorFile.open(file, dimension) : null) {
                for (int first = 0; first < n; first += CHUNK) {
                    int count = Math.min(CHUNK, n - first);
                    if (reuse) {
                        for (int i = 0; i < count; i++) {
                            written.read(first + i, chunk, i * dimension);
                        }
                    } else {
                        corpus.fill(first, count, chunk);
                        writer.append(chunk, 0, count * dimension);
                    }
                    System.arraycopy(centroids.assignAll(chunk, count), 0, clusterOfRow, first, count);
                    long exactStart = System.nanoTime();
                    bruteForce.accumulate(chunk, count, first);
                    exactSeconds += seconds(exactStart);
                    if ((first / CHUNK) % 16 == 0) {
                        System.out.printf("  %,d / %,d faces%n", first + count, n);
                    }
                }
            }
            chunk = null;
            note("%s, assigned (SIMD) %,d faces (%.1f GB float32) in %.1f s, of which exact search %.1f s",
                    reuse ? "read back" : "generated, wrote", n, Files.size(file) / 1e9, seconds(start), exactSeconds);
            BruteForceResult truth = BruteForceResult.of(bruteForce, exactSeconds);

            start = System.nanoTime();
            long[] ids = IntStream.range(0, n).asLongStream().toArray();
            VectorFile vectors = VectorFile.open(file, dimension);
            QuantizedIvfIndex index = QuantizedIvfIndex.build(MODEL, centroids, quantizer, vectors, ids, clusterOfRow,
                    candidates[0], reranks[0]);
            double load = seconds(start);
            System.gc();
            note("int8 index loaded from the float32 file in %.1f s; heap in use %.1f GB, process resident %s",
                    load, usedHeapGb(), residentMemory());

            List<Row> rows = new ArrayList<>();
            rows.add(exactRow(truth));
            float[][] split = split(queryVectors);
            for (int candidateCount : candidates) {
                for (int rerank : reranks) {
                    String firstPass = candidateCount == IvfIndex.EXACT ? "int8 scan"
                            : "1-bit codes -> " + candidateCount + " -> int8";
                    rows.addAll(measureOurs("ours IVF " + lists + " lists, " + firstPass + " -> exact re-rank of "
                            + rerank + " from mapped float32", index.withDepth(candidateCount, rerank), split,
                            truth.ids, load));
                }
            }
            note("after the queries: process resident %s (includes page cache of the mapped file it touched)",
                    residentMemory());
            vectors.close();
            return rows;
        }

        private void fillOne(long face, float[] target, int offset) {
            float[] one = new float[dimension];
            corpus.fill(face, 1, one);
            System.arraycopy(one, 0, target, offset, dimension);
        }
    }

    /** For each FAISS IVF-Flat row: our fastest row of at least its recall, and the QPS ratio. */
    private void compareWithFaiss(List<Row> rows) {
        for (Row faiss : rows) {
            if (!faiss.engine().startsWith("FAISS IndexIVFFlat")) {
                continue;
            }
            rows.stream().filter(r -> r.engine().startsWith("ours") && r.recall() >= faiss.recall())
                    .max(Comparator.comparingDouble(Row::qps))
                    .ifPresentOrElse(ours -> note("FAISS IVF-Flat %s: %.0f QPS at recall %.3f; ours at recall >= that: "
                                    + "%.0f QPS at recall %.3f (%s, %s): ratio %.2f", faiss.parameters(), faiss.qps(),
                                    faiss.recall(), ours.qps(), ours.recall(), ours.engine(), ours.parameters(),
                                    ours.qps() / faiss.qps()),
                            () -> note("FAISS IVF-Flat %s: recall %.3f, no row of ours reaches it", faiss.parameters(),
                                    faiss.recall()));
        }
    }

    /** Our fastest row and the peer's fastest row (engine starting with {@code peer}) of at least {@code recall}. */
    private void compareAtRecall(List<Row> rows, String peer, double recall) {
        Comparator<Row> byQps = Comparator.comparingDouble(Row::qps);
        var theirs = rows.stream().filter(r -> r.engine().startsWith(peer) && r.recall() >= recall).max(byQps);
        var ours = rows.stream().filter(r -> r.engine().startsWith("ours") && r.recall() >= recall).max(byQps);
        if (theirs.isEmpty() || ours.isEmpty()) {
            return;
        }
        Row a = ours.get();
        Row b = theirs.get();
        note("at recall@10 >= %.2f: ours %.0f QPS, p50 %.2f ms, p99 %.2f ms (%s, %s, recall %.3f); %s %.0f QPS, p50 %.2f ms, "
                        + "p99 %.2f ms (%s, recall %.3f): QPS ratio %.2f", recall, a.qps(), a.p50Millis(), a.p99Millis(),
                a.engine(), a.parameters(), a.recall(), peer.strip(), b.qps(), b.p50Millis(), b.p99Millis(),
                b.parameters(), b.recall(), a.qps() / b.qps());
    }

    private void writeReport(String table) throws IOException {
        String heading = compressed ? "## Search at 10M, compressed (1-bit and int8 codes + exact re-rank)" : "## Search";
        StringBuilder body = new StringBuilder();
        body.append("Machine: ").append(BenchReport.machine()).append("\n\n");
        // through the CLI the original arguments start with "bench search"; run on its own they do not
        String arguments = String.join(" ", commandLine).replaceFirst("^bench search ", "");
        body.append("Command: `facesearch bench search ").append(arguments).append("`\n\n");
        body.append("Latency: one query at a time (the project's IVF splits a query of 65,536 or more faces to score over ")
                .append("every core, as `serve` does; peers' latency runs on one thread); QPS: ").append(threads)
                .append(" threads sharing the queries. Whether other work shared the 2 cores is said below the table; QPS ")
                .append("figures are noisy. Each peer row names its build: the native AVX-512 builds of FAISS 1.15 and ")
                .append("hnswlib 0.8 (../shared/peers, on PYTHONPATH) or Debian's generic builds without AVX.\n\n");
        body.append(table).append("\n");
        notes.forEach(n -> body.append(n).append("\n"));
        BenchReport.writeSection(report, heading, body.toString());
        System.out.println("wrote section '" + heading + "' of " + report.toAbsolutePath());
    }

    private float[][] split(float[] vectors) {
        float[][] rows = new float[vectors.length / dimension][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension);
        }
        return rows;
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        try (VectorFile.Writer writer = VectorFile.create(file)) {
            writer.append(values, 0, values.length);
        }
    }

    private static void writeLongs(Path file, int[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putLong(value);
        }
        Files.write(file, buffer.array());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double usedHeapGb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1e9;
    }

    private static String residentMemory() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
    }
}
