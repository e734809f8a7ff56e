package org.facesearch.bench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.facesearch.cluster.KMeansTrainer;
import org.facesearch.cluster.UniformSample;
import org.facesearch.synthetic.SyntheticFaces;
import org.facesearch.vector.CentroidGroups;
import org.facesearch.vector.Centroids;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch bench centroids}: the nearest-centroid searches of a recluster and of a query at large k
 * ({@link Centroids#assignAll}, {@link Centroids#probe}), exhaustive one face at a time (the code before blocking),
 * exhaustive blocked, and through the coarse level ({@link CentroidGroups}) at several settings, with the share of
 * faces assigned to their exact nearest centroid and the overlap of probed lists with the exact ones.
 *
 * <p>The centroids are trained as a recluster trains them ({@link KMeansTrainer} on a uniform sample of a
 * face-like corpus of {@code --population} faces, at most {@code --sample} vectors), or with
 * {@code --centroids sampled} simply taken from the sample (fast, but without k-means structure). The training
 * time is printed: it is the other cost of a recluster at large k. Prints tables with the load average per row.
 */
@Command(name = "centroids", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time nearest-centroid assignment and probing at large k (exhaustive one at a time, exhaustive "
                + "blocked, coarse level) and measure the coarse level's accuracy; print Markdown tables.",
        footer = {"", "Example:  FACESEARCH_JAVA_OPTS=-Xmx3g facesearch bench centroids --k 1000,10000 --faces 20000"})
public final class CentroidBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    /** Faces whose exact nearest 10 centroids are computed, for the "in exact nearest 10" column. */
    private static final int TOP_CHECKED = 1_000;
    /** The nprobe of the "list probed by a same-person query" columns. */
    private static final int[] HIT_NPROBES = {16, 64};
    @Option(names = "--k", split = ",", description = "numbers of centroids (default ${DEFAULT-VALUE})")
    int[] ks = {1_000, 10_000};
    @Option(names = "--faces", description = "faces assigned (default ${DEFAULT-VALUE})")
    int faces = 20_000;
    @Option(names = "--one-at-a-time-faces", description = "faces assigned one at a time, the slow baseline (default ${DEFAULT-VALUE})")
    int oneAtATimeFaces = 4_000;
    @Option(names = "--population", description = "faces in the corpus the sample and faces are drawn from (default ${DEFAULT-VALUE})")
    long population = 10_000_000;
    @Option(names = "--sample", description = "training sample, as a recluster's cap on it (default ${DEFAULT-VALUE})")
    int sample = 65_536;
    @Option(names = "--centroids", description = "trained (k-means as a recluster) or sampled (default ${DEFAULT-VALUE})")
    String centroidSource = "trained";
    @Option(names = "--iterations", description = "Lloyd iterations of the training (default ${DEFAULT-VALUE})")
    int iterations = 25;
    @Option(names = "--groups", split = ",", description = "coarse level: groups an assignment visits (default ${DEFAULT-VALUE})")
    int[] minGroups = {2, 4, 8, 16};
    @Option(names = "--queries", description = "queries probed (default ${DEFAULT-VALUE})")
    int queries = 200;
    @Option(names = "--nprobe", split = ",", description = "lists probed (default ${DEFAULT-VALUE})")
    int[] nprobes = {64, 128, 256, 512, 1_000};
    @Option(names = "--probe-factors", split = ",", description = "coarse level: a probe for n lists covers this many times n "
            + "centroids (default ${DEFAULT-VALUE})")
    int[] probeFactors = {2, 4, 8};
    @Option(names = "--dimension", description = "vector dimension (default ${DEFAULT-VALUE})")
    int dimension = 1024;
    @Option(names = "--seeds", description = "real embeddings (float32 rows) the face-like generator draws its statistics from")
    Path seeds;
    @Option(names = "--seed", description = "random seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    /** Another photo of the same person for some of the first faces: {@code partners} row j is face {@code partnerFace[j]}'s. */
    private float[] partners;
    private final int[] partnerFace = new int[TOP_CHECKED];
    private int partnered;
    /** Per nprobe of {@link #HIT_NPROBES}, the exact lists each partner query probes. */
    private int[][][] partnerLists;

    @Override
    public Integer call() throws Exception {
        SyntheticFaces corpus = new SyntheticFaces(BenchCorpus.generator(spec.commandLine(), seeds, dimension, seed,
                System.out::println), population);
        long[] samplePositions = UniformSample.positions(population, sample, seed);
        float[][] sampleRows = new float[samplePositions.length][];
        for (int i = 0; i < sampleRows.length; i++) {
            sampleRows[i] = new float[dimension];
            corpus.fill(samplePositions[i], 1, sampleRows[i]);
        }
        float[] vectors = new float[faces * dimension];
        long[] facePositions = UniformSample.positions(population, faces, seed + 1);
        float[] face = new float[dimension];
        for (int i = 0; i < faces; i++) {
            corpus.fill(facePositions[i], 1, face);
            System.arraycopy(face, 0, vectors, i * dimension, dimension);
        }
        float[] queryVectors = corpus.queries(queries, seed + 2, new int[queries]);
        partners = new float[TOP_CHECKED * dimension];
        partnered = 0;
        for (int i = 0; i < Math.min(faces, TOP_CHECKED) && partnered < TOP_CHECKED; i++) {
            int identity = corpus.identityOf(facePositions[i]);
            int photos = corpus.facesOf(identity);
            if (photos > 1) {
                long first = corpus.firstFaceOf(identity);
                corpus.fill(first + (facePositions[i] - first + 1) % photos, 1, face);
                System.arraycopy(face, 0, partners, partnered * dimension, dimension);
                partnerFace[partnered++] = i;
            }
        }
        System.out.printf("%d-d face-like corpus of %,d faces (%s statistics); training sample %,d; %,d faces assigned, "
                        + "%,d queries; %d cores%n%n", dimension, population, seeds == null ? "fallback" : seeds.toString(),
                sampleRows.length, faces, queries, Runtime.getRuntime().availableProcessors());
        for (int k : ks) {
            measure(k, sampleRows, vectors, queryVectors);
        }
        return 0;
    }

    private void measure(int k, float[][] sampleRows, float[] vectors, float[] queryVectors) {
        long start = System.nanoTime();
        Centroids centroids;
        if (centroidSource.equals("sampled")) {
            float[] data = new float[k * dimension];
            for (int c = 0; c < k; c++) {
                System.arraycopy(sampleRows[c], 0, data, c * dimension, dimension);
            }
            centroids = new Centroids(data, k, dimension);
        } else {
            int perCentroid = Math.max(1, sampleRows.length / k);
            centroids = new KMeansTrainer(k, perCentroid, iterations, seed).fit(sampleRows);
            System.out.printf("k = %,d: trained on %,d vectors (<= %d iterations) in %.1f s (load %s)%n", k,
                    sampleRows.length, iterations, seconds(start), load());
        }
        Centroids exact = centroids.exact();
        start = System.nanoTime();
        CentroidGroups groups = centroids.coarseLevel();
        System.out.printf("k = %,d: coarse level of %d groups (largest %d centroids) built in %.2f s%n%n", k,
                groups.groups(), groups.largestGroup(), seconds(start));

        System.out.println("| k | assignment | faces | faces/s | 10M faces take | exact nearest | in exact nearest 10 "
                + "| list probed by a same-person query, nprobe 16 / 64 | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        partnerLists = new int[HIT_NPROBES.length][partnered][];
        for (int h = 0; h < HIT_NPROBES.length; h++) {
            int nprobe = HIT_NPROBES[h];
            int[][] lists = partnerLists[h];
            IntStream.range(0, partnered).parallel().forEach(j -> lists[j] = exact.probe(query(partners, j), nprobe));
        }
        int checked = Math.min(faces, TOP_CHECKED);
        int[][] nearest10 = new int[checked][];
        IntStream.range(0, checked).parallel().forEach(i -> nearest10[i] = exact.probe(query(vectors, i), 10));
        int few = Math.min(faces, oneAtATimeFaces);
        start = System.nanoTime();
        int[] oneAtATime = new int[few];
        IntStream.range(0, few).parallel().forEach(i -> oneAtATime[i] = exact.assign(vectors, i * dimension));
        printAssignment(k, "exhaustive, one face at a time (before)", few, seconds(start), 1.0, 1.0, null);
        start = System.nanoTime();
        int[] truth = exact.assignAll(vectors, faces);
        double blockedSeconds = seconds(start);
        if (!Arrays.equals(oneAtATime, Arrays.copyOf(truth, few))) {
            throw new IllegalStateException("blocked assignment differs from one at a time");
        }
        printAssignment(k, "exhaustive, blocked", faces, blockedSeconds, 1.0, 1.0, truth);
        for (int m : minGroups) {
            Centroids grouped = centroids.grouped(m, 1);
            start = System.nanoTime();
            int[] assigned = grouped.assignAll(vectors, faces);
            double s = seconds(start);
            int same = 0;
            for (int i = 0; i < faces; i++) {
                same += assigned[i] == truth[i] ? 1 : 0;
            }
            int inTop = 0;
            for (int i = 0; i < checked; i++) {
                int cluster = assigned[i];
                inTop += Arrays.stream(nearest10[i]).anyMatch(c -> c == cluster) ? 1 : 0;
            }
            printAssignment(k, "coarse, " + m + " of " + groups.groups() + " groups", faces, s, (double) same / faces,
                    (double) inTop / checked, assigned);
        }
        System.out.println();
        System.out.println("| k | probe | nprobe | ms/query (1 thread) | overlap with exact lists | load |");
        System.out.println("|---|---|---|---|---|---|");
        for (int nprobe : nprobes) {
            if (nprobe > k) {
                continue;
            }
            int[][] exactLists = new int[queries][];
            double exactMs = timeProbes(q -> exactLists[q] = exact.probe(query(queryVectors, q), nprobe));
            System.out.printf("| %,d | exhaustive | %,d | %.2f | 1.000 | %s |%n", k, nprobe, exactMs, load());
            for (int factor : probeFactors) {
                Centroids grouped = centroids.grouped(Centroids.DEFAULT_GROUPS_VISITED, factor);
                int[][] lists = new int[queries][];
                double ms = timeProbes(q -> lists[q] = grouped.probe(query(queryVectors, q), nprobe));
                System.out.printf("| %,d | coarse, covering %d x nprobe | %,d | %.2f | %.4f | %s |%n", k, factor, nprobe,
                        ms, overlap(exactLists, lists, nprobe), load());
            }
        }
        System.out.println();
    }

    private void printAssignment(int k, String how, int count, double s, double exactShare, double top10Share,
                                 int[] assigned) {
        StringBuilder hits = new StringBuilder();
        for (int h = 0; assigned != null && h < HIT_NPROBES.length; h++) {
            int hit = 0;
            for (int j = 0; j < partnered; j++) {
                int cluster = assigned[partnerFace[j]];
                hit += Arrays.stream(partnerLists[h][j]).anyMatch(c -> c == cluster) ? 1 : 0;
            }
            hits.append(h == 0 ? "" : " / ").append(String.format("%.4f", (double) hit / partnered));
        }
        System.out.printf("| %,d | %s | %,d | %,.0f | %.1f min | %.4f | %.4f | %s | %s |%n", k, how, count, count / s,
                1e7 / (count / s) / 60, exactShare, top10Share, assigned == null ? "=" : hits, load());
    }

    private double timeProbes(IntFunction<int[]> probe) {
        for (int q = 0; q < Math.min(queries, 20); q++) {
            probe.apply(q); // warm-up
        }
        long start = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            probe.apply(q);
        }
        return (System.nanoTime() - start) / 1e6 / queries;
    }

    private float[] query(float[] queryVectors, int q) {
        return Arrays.copyOfRange(queryVectors, q * dimension, (q + 1) * dimension);
    }

    private static double overlap(int[][] exact, int[][] approximate, int nprobe) {
        long shared = 0;
        for (int q = 0; q < exact.length; q++) {
            Set<Integer> truth = new HashSet<>();
            for (int c : exact[q]) {
                truth.add(c);
            }
            for (int c : approximate[q]) {
                shared += truth.contains(c) ? 1 : 0;
            }
        }
        return (double) shared / ((long) exact.length * nprobe);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
