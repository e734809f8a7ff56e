package org.facesearch.bench.search;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.facesearch.synthetic.FaceLikeGenerator;
import org.facesearch.synthetic.FaceStatistics;
import org.facesearch.synthetic.SyntheticFaces;
import picocli.CommandLine;

/**
 * The face-like corpus of {@code bench search} ({@link SearchBench}) and {@code bench vectors} ({@link VectorsBench}),
 * built in one place so that the same {@code --seeds}, {@code --dimension}, {@code --faces} and {@code --seed} give
 * the same rows and the same queries in both: the generator calibrated on the seeds' statistics (or the documented
 * fallback), faces 0, 1, 2, ... of {@link SyntheticFaces}, and queries drawn with seed {@code seed + 1}.
 */
public final class BenchCorpus {
    /** The generator's target cosines: faceres' measured strangers and same person. */
    private static final double STRANGER_COSINE = 0.41;
    private static final double SAME_PERSON_COSINE = 0.79;

    private BenchCorpus() {
    }

    /** The calibrated generator; {@code note} is told where its statistics came from and what it achieved. */
    static FaceLikeGenerator generator(CommandLine cli, Path seeds, int dimension, long seed, Consumer<String> note)
            throws IOException {
        long start = System.nanoTime();
        FaceStatistics statistics;
        if (seeds != null) {
            float[] seedVectors = readSeeds(cli, seeds, dimension);
            statistics = FaceStatistics.fromSeeds(seedVectors, seedVectors.length / dimension, dimension);
            note.accept(String.format("generator: statistics of %d real embeddings from %s", seedVectors.length / dimension, seeds));
        } else {
            statistics = FaceStatistics.fallback(dimension, seed);
            note.accept("generator: fallback statistics (no --seeds given), calibrated to faceres' measured cosines");
        }
        FaceLikeGenerator generator = FaceLikeGenerator.calibrated(statistics, seed, STRANGER_COSINE, SAME_PERSON_COSINE);
        note.accept(String.format("generator achieved (2,000 fresh identities): %s; targets: strangers 0.41 (95th pct 0.54), "
                + "same person 0.79 (5th pct 0.67), zeros 30%%; calibrated in %.1f s",
                generator.measure(2_000), (System.nanoTime() - start) / 1e9));
        return generator;
    }

    /** {@code n} query photos of the corpus (new photos of stored identities), their identities into {@code identities}. */
    static float[] queries(SyntheticFaces corpus, int n, long seed, int[] identities) {
        return corpus.queries(n, seed + 1, identities);
    }

    /** The --seeds file: whole rows of {@code dimension} floats, at least 2; otherwise a usage error. */
    private static float[] readSeeds(CommandLine cli, Path seeds, int dimension) throws IOException {
        if (!Files.isRegularFile(seeds)) {
            throw new CommandLine.ParameterException(cli, "--seeds " + seeds
                    + ": no such file (write one with: facesearch faces PHOTO-FOLDER --vectors-out FILE)");
        }
        long rowBytes = (long) dimension * Float.BYTES;
        long size = Files.size(seeds);
        if (size % rowBytes != 0 || size < 2 * rowBytes) {
            throw new CommandLine.ParameterException(cli, String.format(
                    "--seeds %s: %,d bytes is not 2 or more rows of %d float32 (--dimension %d)", seeds, size, dimension, dimension));
        }
        return readFloats(seeds);
    }

    /** A whole float32 file (any size up to 2^31 floats: the 4 GB of 1M x 1024-d do not fit one byte[]). */
    public static float[] readFloats(Path file) throws IOException {
        float[] values = new float[Math.toIntExact(Files.size(file) / Float.BYTES)];
        int chunk = 1 << 26;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int first = 0; first < values.length; first += chunk) {
                int count = Math.min(chunk, values.length - first);
                channel.map(FileChannel.MapMode.READ_ONLY, (long) first * Float.BYTES, (long) count * Float.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, first, count);
            }
        }
        return values;
    }
}
