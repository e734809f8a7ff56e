package org.facesearch.bench.faces;

import org.facesearch.faces.Detection;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code facesearch bench faces DIR --photo BIG.jpg}: measures the embedders on a labelled set of real faces
 * (DIR holds one folder per person; the largest face of each photo is used) and the detector on one big photo,
 * then prints one markdown table for BENCHMARKS.md. Timings are medians after warm-up; batch 32 repeats one
 * face 32 times (the cost does not depend on the content). Memory is the process RSS (TensorFlow's native
 * memory included, the JVM heap too) after each model has run, models measured in the order given.
 */
@Command(name = "faces", mixinStandardHelpOptions = true,
        description = {"Face models on labelled photos: same/different-person ROC AUC, nearest-face-is-same-person rate, EER and the",
                "same-person threshold at a false-match rate of 0.1%,",
                "ms per face at batch 1 and 32, memory; detection time on a big photo; JVM start to first face."},
        footer = {"", "Example:  facesearch bench faces ~/.cache/facesearch-test/labelled-faces --photo group-1920.jpg"})
public final class FacesBench implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "One sub-folder per person, each with that person's photos.")
    Path labelled;

    @Option(names = "--photo", required = true, paramLabel = "FILE", description = "A large photo (e.g. 1920 px) for the detection timing.")
    Path photo;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Model cache (default: ~/.facesearch/models).")
    Path modelsDir = Path.of(System.getProperty("user.home"), ".facesearch", "models");

    @Option(names = "--iterations", description = "Timed runs per figure (default: ${DEFAULT-VALUE}).")
    int iterations = 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        byte[] big = Files.readAllBytes(photo);
        List<String> rows = new ArrayList<>();
        String startup;
        try (FacePipeline first = FacePipeline.open(modelsDir, EmbedderModel.DEFAULT)) {
            List<DetectedFace> faces = first.analyze(big);
            startup = String.format(Locale.ROOT, "JVM start to first face (warm model cache, %s, %d faces): %d ms",
                    EmbedderModel.DEFAULT, faces.size(), ManagementFactory.getRuntimeMXBean().getUptime());
            rows.add(detection(first, big));
        }
        List<Path> photos = new ArrayList<>();
        List<String> people = new ArrayList<>();
        try (var dirs = Files.list(labelled)) {
            for (Path person : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (var files = Files.list(person)) {
                    for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                        photos.add(p);
                        people.add(person.getFileName().toString());
                    }
                }
            }
        }
        out.println(startup);
        out.printf("labelled set %s: %d photos of %d people%n%n", labelled, photos.size(), people.stream().distinct().count());
        out.println("| model | faces found | same-person AUC | nearest face same person | cos same / different (mean) | EER (at cos) | threshold at FMR 0.1% | FNMR there | ms/face batch 1 | ms/face batch 32 | faces/s batch 32 | process RSS after |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (EmbedderModel model : List.of(EmbedderModel.MOBILEFACE, EmbedderModel.FACERES, EmbedderModel.FACERES_DEEP)) {
            out.println(modelRow(model, photos, people));
        }
        out.println();
        rows.forEach(out::println);
        return 0;
    }

    private String modelRow(EmbedderModel model, List<Path> photos, List<String> people) throws Exception {
        try (FacePipeline pipeline = FacePipeline.open(modelsDir, model)) {
            List<float[]> vectors = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            RgbImage sampleImage = null;
            Detection sample = null;
            for (int i = 0; i < photos.size(); i++) {
                RgbImage image = ImageDecoder.decode(Files.readAllBytes(photos.get(i)));
                List<Detection> found = pipeline.detect(image);
                if (found.isEmpty()) continue;
                Detection largest = Collections.max(found, Comparator.comparingDouble(d -> d.width() * d.height()));
                vectors.add(pipeline.embed(image, List.of(largest))[0]);
                labels.add(people.get(i));
                sampleImage = image;
                sample = largest;
            }
            IdentityMetrics m = IdentityMetrics.of(vectors, labels);
            double one = msPerFace(pipeline, sampleImage, sample, 1), many = msPerFace(pipeline, sampleImage, sample, 32);
            IdentityMetrics.Roc roc = m.roc();
            return String.format(Locale.ROOT, "| %s (%d-d) | %d/%d | %.4f | %.1f%% | %.3f / %.3f | %.1f%% (%.3f) | %.3f (%d of %d pairs) | %.1f%% | %.1f | %.1f | %.0f | %d MB |",
                    model, model.dimensions(), vectors.size(), photos.size(), m.auc(), 100 * m.nearestIsSame(),
                    m.meanSame(), m.meanDifferent(), 100 * roc.eer(), roc.eerThreshold(), roc.threshold(), roc.falseMatches(), m.differentPairs(),
                    100 * roc.falseNonMatchRate(), one, many, 1000 / many, rssMb());
        }
    }

    private double msPerFace(FacePipeline pipeline, RgbImage image, Detection face, int batch) {
        List<Detection> faces = Collections.nCopies(batch, face);
        int runs = Math.max(3, iterations * 4 / batch);
        for (int i = 0; i < 2; i++) pipeline.embed(image, faces);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            pipeline.embed(image, faces);
            ms[i] = (System.nanoTime() - t) / 1e6 / batch;
        }
        return median(ms);
    }

    private String detection(FacePipeline pipeline, byte[] big) throws Exception {
        double[] decode = new double[iterations], detect = new double[iterations];
        RgbImage image = ImageDecoder.decode(big);
        for (int i = 0; i < 3; i++) pipeline.detect(image);
        int faces = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            image = ImageDecoder.decode(big);
            long t1 = System.nanoTime();
            faces = pipeline.detect(image).size();
            decode[i] = (t1 - t0) / 1e6;
            detect[i] = (System.nanoTime() - t1) / 1e6;
        }
        return String.format(Locale.ROOT, "detection on %s (%dx%d, %d faces), median of %d after warm-up: %.1f ms detect (incl. second looks), %.1f ms JPEG decode",
                photo.getFileName(), image.width(), image.height(), faces, iterations, median(detect), median(decode));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Resident set size of this process, from /proc (Linux); -1 elsewhere. */
    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
