package org.facesearch.bench.faces;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.facesearch.blend.FaceBlender;
import org.facesearch.faces.Detection;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FaceMesh;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.RgbImage;
import org.facesearch.vector.Box;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facesearch bench blend DIR}: the time of one blended face as {@code POST /api/blend} makes it for an
 * uploaded photo and a stored match (the photos' bytes already read): decode both photos, find the upload's faces
 * (the match is taken at its stored box), the face mesh of each, the morph, the PNG. Pairs are the first photos of consecutive people of DIR (one folder per person); every
 * pair runs {@code --iterations} times after one warm-up, one thread. Prints the median, 90th percentile and
 * maximum, and the median of each step.
 */
@Command(name = "blend", mixinStandardHelpOptions = true,
        description = "Time of one blended face (decode, detect, face mesh, morph, PNG) on pairs of real photos.",
        footer = {"", "Example:  facesearch bench blend ~/.cache/facesearch-test/labelled-faces"})
public final class BlendBench implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "One sub-folder per person, each with that person's photos.")
    Path people;

    @Option(names = "--pairs", description = "Pairs of people (default: ${DEFAULT-VALUE}).")
    int pairs = 12;

    @Option(names = "--iterations", description = "Timed runs per pair (default: ${DEFAULT-VALUE}).")
    int iterations = 5;

    @Option(names = "--each", description = "Also print every timed run's steps, in order (to tell a slow step from a stalled run).")
    boolean each;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Model cache (default: ~/.facesearch/models).")
    Path modelsDir = Path.of(System.getProperty("user.home"), ".facesearch", "models");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> photos = firstPhotos();
        try (FacePipeline pipeline = FacePipeline.open(modelsDir, EmbedderModel.DEFAULT);
             FaceMesh mesh = FaceMesh.open(modelsDir, System.err::println)) {
            FaceBlender blender = new FaceBlender(mesh);
            List<double[]> runs = new ArrayList<>();   // total, decode, detect, mesh + morph, png (ms)
            if (each) out.println("pair run: whole, decode, detect, mesh + morph, PNG (ms)");
            for (int p = 0; p + 1 < photos.size() && p / 2 < pairs; p += 2) {
                Detection stored = largest(pipeline.detect(ImageDecoder.decode(photos.get(p + 1))));
                if (stored == null) continue;
                for (int i = 0; i <= iterations; i++) {
                    double[] run = blendOnce(pipeline, blender, photos.get(p), photos.get(p + 1), stored.box());
                    if (i > 0 && run != null) runs.add(run);   // the first run of each pair warms up
                    if (each && run != null) {
                        out.printf("%d %d%s: %.1f, %.1f, %.1f, %.1f, %.1f%n", p / 2 + 1, i, i == 0 ? " (warm-up)" : "",
                                run[0], run[1], run[2], run[3], run[4]);
                    }
                }
            }
            out.printf("%d timed blends: %d pairs of people x %d runs, one thread%n", runs.size(), runs.size() / iterations, iterations);
            out.println("| step | median ms | p90 ms | max ms |");
            out.println("|---|---|---|---|");
            String[] steps = {"whole blend", "decode (both photos)", "detect (the upload)", "face mesh (both) + morph", "PNG"};
            for (int s = 0; s < steps.length; s++) {
                int step = s;
                double[] ms = runs.stream().mapToDouble(r -> r[step]).sorted().toArray();
                out.printf("| %s | %.1f | %.1f | %.1f |%n", steps[s], ms[ms.length / 2], ms[(int) Math.ceil(0.9 * ms.length) - 1], ms[ms.length - 1]);
            }
        }
        return 0;
    }

    /**
     * One blend as {@code POST /api/blend} makes it for an upload ({@code a}) and a stored match ({@code b}):
     * both photos decoded, the upload's faces detected, the match taken at its stored box ({@code storedB},
     * found before the clock starts, as import found it), the mesh of each, the morph, the PNG.
     */
    private static double[] blendOnce(FacePipeline pipeline, FaceBlender blender, byte[] a, byte[] b, Box storedB) throws Exception {
        long start = System.nanoTime();
        RgbImage ia = ImageDecoder.decode(a), ib = ImageDecoder.decode(b);
        long decoded = System.nanoTime();
        Detection da = largest(pipeline.detect(ia));
        if (da == null) return null;
        long detected = System.nanoTime();
        RgbImage blend = blender.blend(ia, da.box(), ib, storedB);
        long blended = System.nanoTime();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(blend.toBufferedImage(), "png", png);
        long end = System.nanoTime();
        return new double[]{(end - start) / 1e6, (decoded - start) / 1e6, (detected - decoded) / 1e6, (blended - detected) / 1e6,
                (end - blended) / 1e6};
    }

    private static Detection largest(List<Detection> faces) {
        return faces.stream().max(Comparator.comparingDouble(d -> d.width() * d.height())).orElse(null);
    }

    private List<byte[]> firstPhotos() throws Exception {
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(people)) {
            for (Path person : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    Path first = files.filter(Files::isRegularFile).sorted().findFirst().orElse(null);
                    if (first != null) photos.add(Files.readAllBytes(first));
                }
            }
        }
        if (photos.size() < 2) throw new picocli.CommandLine.ParameterException(spec.commandLine(), people + " needs two or more people's folders");
        return photos;
    }
}
