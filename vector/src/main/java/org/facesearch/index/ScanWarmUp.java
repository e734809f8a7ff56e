package org.facesearch.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.facesearch.vector.Centroids;

/**
 * Runs the search path of a {@link CodeFile} on random faces, so that a process which searches once (the CLI) has
 * it compiled before its real search: a code file written to a temporary file, mapped, probed through its
 * centroids, its lists scanned and the best candidates re-ranked, {@code rounds} times. Without it the first
 * search of a process runs these kernels interpreted or in C1, which boxes every Vector API operation: at 10M faces
 * ~1-2 s instead of tens of milliseconds (BENCHMARKS.md, "10M again"). Meant for a side thread while the process
 * loads its models; the build's start-up cache runs it once too (its classes and profiles).
 *
 * <p>The same classes as the real search, down to the kind of memory segment (a mapped file), so that the compiled
 * code the warm-up leaves behind is the code the real search runs.
 */
public final class ScanWarmUp {
    /** Lists of the random file, and faces in each. */
    private static final int LISTS = 64;
    private static final int FACES_PER_LIST = 128;
    /** Lists probed a round: 4,096 faces scanned. */
    private static final int PROBED = 32;

    private ScanWarmUp() {
    }

    /**
     * Writes the random file in {@code dir}, maps it and deletes its name (the mapping outlives it), then searches it
     * up to {@code rounds} times; returns the faces the last round's re-rank kept (the work cannot be optimised away).
     *
     * @param stop asked before the set-up and before each round: true ends the warm-up there, e.g. once the real
     *     search has begun, which a warm-up still running would slow down by taking one of its cores
     */
    public static int run(Path dir, int dimension, int rounds, BooleanSupplier stop) throws IOException {
        if (stop.getAsBoolean()) {
            return 0;  // not even the random file: its set-up alone is seconds of a core
        }
        SplittableRandom random = new SplittableRandom(dimension);
        int count = LISTS * FACES_PER_LIST;
        float[] vectors = new float[count * dimension];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        long[] ids = new long[count];
        Arrays.setAll(ids, i -> i);
        int[] assignment = new int[count];
        Arrays.setAll(assignment, i -> i % LISTS);
        Centroids centroids = new Centroids(Arrays.copyOf(vectors, LISTS * dimension), LISTS, dimension);
        IvfIndex index = IvfIndex.build("warm-up", centroids, ids, vectors, count, assignment);
        Path file = Files.createTempFile(dir, "facesearch-warm-up-", ".codes");
        CodeFile codes;
        try {
            CodeFile.write(file, index, new CodeFile.Source("warm-up", 0, 0, count, 0));
            codes = CodeFile.open(file);
        } finally {
            // the mapping outlives the name: a process that exits (or is killed) during the rounds leaves no file
            Files.deleteIfExists(file);
        }
        RerankVectors exact = new InMemoryVectors(ids, vectors, count, dimension);
        int kept = 0;
        try (codes) {
            for (int round = 0; round < rounds && !stop.getAsBoolean(); round++) {
                float[] query = Arrays.copyOfRange(vectors, round % count * dimension, (round % count + 1) * dimension);
                int[] probed = codes.probe(query, PROBED);
                try (CodeFile.Probed lists = codes.read(probed)) {
                    CandidateScan.Shortlist shortlist = codes.scan().shortlist(query, probed, lists,
                            IvfIndex.DEFAULT_CANDIDATES);
                    kept = ExactRerank.nearest(query, 10, shortlist.faceIds(lists), shortlist.lowerBounds(), exact)
                            .nearest().size();
                }
            }
        }
        return kept;
    }
}
