package org.facesearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.facesearch.config.ConfigKey;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.faces.SamePersonVerdict;
import org.facesearch.faces.UnreadableImageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code facesearch compare A B}: are the faces in two photos likely the same person? One-to-one verification
 * beside the one-to-many search: the similarity of one face of each photo (the largest, or the one chosen)
 * against the model's calibrated threshold ({@link SamePersonVerdict}). Needs no database.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Say whether the faces in two photos are likely the same person: their similarity, the model's "
                + "calibrated threshold and the verdict. Uses the largest face of each photo unless --face-a/--face-b choose another.",
                "Exit 0 whatever the verdict; 1 when a photo cannot be read or has no face; 2 on a usage error."},
        footer = {"", "Examples:", "  facesearch compare me.jpg passport.jpg", "  facesearch compare group.jpg me.jpg --face-a 2 --json"})
final class CompareCommand extends ContextCommand {

    @Parameters(index = "0", paramLabel = "PHOTO_A", description = "A JPEG, PNG, GIF or BMP photo.")
    Path photoA;

    @Parameters(index = "1", paramLabel = "PHOTO_B", description = "Another photo.")
    Path photoB;

    @Option(names = "--face-a", paramLabel = "N", description = "Which face of PHOTO_A, by size: 1 the largest (default), 2 the next, ...")
    int faceA = 1;

    @Option(names = "--face-b", paramLabel = "N", description = "Which face of PHOTO_B, by size (default: 1, the largest).")
    int faceB = 1;

    @Option(names = "--model", paramLabel = "NAME", description = "Embedder: faceres, faceres-deep or mobileface (default: config key faces.model).")
    String model;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    protected int run(CliContext context) throws Exception {
        if (faceA < 1) throw new ParameterException(spec.commandLine(), "--face-a counts from 1 (the largest face), got " + faceA);
        if (faceB < 1) throw new ParameterException(spec.commandLine(), "--face-b counts from 1 (the largest face), got " + faceB);
        EmbedderModel embedder = ModelNames.parse(model != null ? model : context.config().get(ConfigKey.FACES_MODEL));
        byte[] bytesA = read(photoA), bytesB = read(photoB);
        try (FacePipeline pipeline = FacePipeline.open(context.config().home().resolve("models"), embedder)) {
            List<DetectedFace> facesA = largestFirst(analyze(pipeline, photoA, bytesA)), facesB = largestFirst(analyze(pipeline, photoB, bytesB));
            DetectedFace a = pick(photoA, facesA, faceA, "--face-a"), b = pick(photoB, facesB, faceB, "--face-b");
            SamePersonVerdict verdict = SamePersonVerdict.of(embedder, a.vector(), b.vector());
            if (json) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("model", embedder.id());
                root.put("a", side(photoA, facesA.size(), faceA, a));
                root.put("b", side(photoB, facesB.size(), faceB, b));
                root.put("similarity", verdict.similarity());
                root.put("threshold", verdict.threshold());
                root.put("samePerson", verdict.samePerson());
                out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            } else {
                describe(photoA, facesA.size(), faceA, a);
                describe(photoB, facesB.size(), faceB, b);
                out().printf(Locale.ROOT, "similarity %.4f, threshold %.3f (%s): %s%n", verdict.similarity(), verdict.threshold(), embedder,
                        verdict.samePerson() ? "likely the same person" : "not likely the same person");
            }
        } catch (ModelUnavailableException e) {
            throw new UserException("the face models are not available: " + e.getMessage(), e);
        }
        return FaceSearchCommand.EXIT_OK;
    }

    private static byte[] read(Path photo) throws IOException {
        if (Files.isDirectory(photo)) throw new UserException(photo + " is a directory, not a photo");
        try {
            return Files.readAllBytes(photo);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + photo, e);
        }
    }

    private static List<DetectedFace> analyze(FacePipeline pipeline, Path photo, byte[] bytes) {
        try {
            List<DetectedFace> faces = pipeline.analyze(bytes);
            if (faces.isEmpty()) throw new UserException(photo + ": no face found, nothing to compare");
            return faces;
        } catch (UnreadableImageException e) {
            throw new UserException(photo + ": " + e.getMessage(), e);
        }
    }

    private static List<DetectedFace> largestFirst(List<DetectedFace> faces) {
        return faces.stream().sorted(Comparator.comparingDouble((DetectedFace f) -> f.box().width() * f.box().height()).reversed()).toList();
    }

    private DetectedFace pick(Path photo, List<DetectedFace> faces, int n, String option) {
        if (n > faces.size()) {
            throw new ParameterException(spec.commandLine(), option + " " + n + ": " + photo + " has " + faces.size() + (faces.size() == 1 ? " face" : " faces"));
        }
        return faces.get(n - 1);
    }

    private void describe(Path photo, int count, int n, DetectedFace f) {
        out().printf(Locale.ROOT, "%s: face %d of %d (by size) at x %.0f, y %.0f, %.0fx%.0f px%n", photo, n, count, f.box().x(), f.box().y(), f.box().width(), f.box().height());
    }

    private static Map<String, Object> side(Path photo, int count, int n, DetectedFace f) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("photo", photo.toString());
        side.put("face", n);
        side.put("faces", count);
        side.put("box", f.box());
        return side;
    }
}
