package org.facesearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.search.ClusterScan;
import org.jooq.DSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.faces.Detection;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.faces.RgbImage;
import org.facesearch.faces.SamePersonVerdict;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.search.FaceMatch;
import org.facesearch.search.FaceMatches;
import org.facesearch.search.ScanResult;
import org.facesearch.search.SearchCacheException;
import org.facesearch.search.SearchParams;

/**
 * {@code facesearch search PHOTO}: the nearest stored faces for each face in a photo, read from MySQL
 * ({@link ClusterScan}: the {@code nprobe} nearest clusters of the model's active clustering, exact distances).
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the nearest stored faces for each face in a photo: rank, distance, similarity, verdict, name, "
                + "profile link (https://vk.com/id... or gallery:NAME) and the matched photo's URL.",
                "The verdict says whether a match is likely the same person (similarity at or above the model's calibrated "
                        + "threshold, e.g. 0.732 for faceres) or a look-alike; when no match passes, the answer says so.",
                "Reads the --nprobe clusters nearest to each face from MySQL and compares exactly. "
                        + "A photo without a face is a normal outcome (exit 0)."},
        footer = {"", "Examples:", "  facesearch search me.jpg", "  facesearch search group.jpg --top 5 --nprobe 24 --timings",
                "  facesearch search me.jpg --json > matches.json"})
final class SearchCommand extends ContextCommand {
    @Parameters(paramLabel = "PHOTO", description = "A JPEG, PNG, GIF or BMP photo.")
    Path photo;

    @Option(names = "--top", paramLabel = "K", description = "Matches per face (default: search.top, 10).")
    Integer top;

    @Option(names = "--nprobe", paramLabel = "N", description = "Clusters read per face, 0 for auto: the larger of 256 and a tenth of the clusters, recall@10 "
            + "~0.98 at 1M faces, ~0.96 at 10M (default: search.nprobe, auto); each cluster costs one more range read.")
    Integer nprobe;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--timings", description = "Print how long detection, embedding, centroid search, cluster read and scan took, "
            + "and how much of the scan was the exact re-rank's reads.")
    boolean timings;

    @Option(names = "--model", paramLabel = "MODEL", description = "Embedding model: faceres, faceres-deep or mobileface (default: faces.model).")
    String model;

    private record FaceResult(Detection detection, ScanResult scan, List<FaceMatch> matches) {
    }

    @Override
    protected int run(CliContext context) throws IOException {
        Config config = context.config();
        SearchParams params;
        try {
            params = new SearchParams(top != null ? top : config.getInt(ConfigKey.SEARCH_TOP),
                    nprobe != null ? nprobe : SearchParams.parseNprobe(config.get(ConfigKey.SEARCH_NPROBE)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        EmbedderModel embedder = ModelNames.parse(model != null ? model : config.get(ConfigKey.FACES_MODEL));
        byte[] bytes = readPhoto();
        RgbImage image;
        try {
            image = ImageDecoder.decode(bytes, config.maxImagePixels());
        } catch (UnreadableImageException e) {
            throw new UserException(photo + ": " + e.getMessage(), e);
        }
        ClusterScan.warmUp(embedder.dimensions());  // compiles the scan kernel while the models load
        try (PipelineLoader loader = PipelineLoader.start(config.home().resolve("models"), embedder);
                ClusterScan scan = new ClusterScan(config.home().resolve("cache"))) {
            DSLContext db = context.database().dsl();  // started or attached while TensorFlow loads
            if (!scan.prepare(db, embedder.id(), embedder.dimensions())) {
                out().printf("the database holds no faces of model %s yet: add some with 'facesearch crawl' or 'facesearch import'%n",
                        embedder);
                return FaceSearchCommand.EXIT_OK;
            }
            FacePipeline pipeline = loader.get();
            long t0 = System.nanoTime();
            List<Detection> detections = pipeline.detect(image);
            long t1 = System.nanoTime();
            float[][] vectors = detections.isEmpty() ? new float[0][] : pipeline.embed(image, detections);
            long t2 = System.nanoTime();
            List<FaceResult> results = new ArrayList<>();
            for (int i = 0; i < detections.size(); i++) {
                ScanResult found = scan.search(db, embedder.id(), vectors[i], params).orElseThrow();
                results.add(new FaceResult(detections.get(i), found, FaceMatches.describe(db, found.neighbors())));
            }
            if (json) {
                printJson(embedder, results, t1 - t0, t2 - t1);
            } else {
                printText(embedder, results, t1 - t0, t2 - t1);
            }
        } catch (ModelUnavailableException e) {
            throw new UserException("the face models are not available: " + e.getMessage(), e);
        } catch (SearchCacheException e) {
            throw new UserException(e.getMessage(), e);
        }
        return FaceSearchCommand.EXIT_OK;
    }

    private byte[] readPhoto() throws IOException {
        try {
            if (Files.isDirectory(photo)) {
                throw new UserException(photo + " is a directory, not a photo");
            }
            return Files.readAllBytes(photo);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + photo, e);
        }
    }

    private void printText(EmbedderModel embedder, List<FaceResult> results, long detectNanos, long embedNanos) {
        if (results.isEmpty()) {
            out().printf("no face found in %s%n", photo);
        }
        for (int i = 0; i < results.size(); i++) {
            FaceResult r = results.get(i);
            Detection d = r.detection();
            out().printf("face %d of %d at x %.0f, y %.0f, %.0fx%.0f px (detector score %.2f):%n",
                    i + 1, results.size(), d.x(), d.y(), d.width(), d.height(), d.score());
            if (!r.matches().isEmpty() && r.matches().stream().noneMatch(m -> embedder.samePerson(m.similarity()))) {
                out().printf("  no one in the database is likely this person (no similarity reaches %.3f); the closest look-alikes:%n",
                        embedder.samePersonThreshold());
            }
            printMatches(embedder, r.matches());
            if (timings) {
                ScanResult s = r.scan();
                out().printf("  timings: centroid search %.1f ms, cluster read %.1f ms (%d clusters, %,d faces, %.1f MB), "
                        + "scan %.1f ms (re-rank %.1f ms of it, %d vectors read)%n",
                        ms(s.centroidNanos()), ms(s.readNanos()), s.clustersRead(), s.facesRead(), s.bytesRead() / 1e6,
                        ms(s.scanNanos()), ms(s.rerankNanos()), s.vectorsRead());
            }
        }
        if (timings) {
            out().printf("timings: detection %.1f ms, embedding %.1f ms (%d face(s))%n", ms(detectNanos), ms(embedNanos),
                    results.size());
        }
    }

    /**
     * The matches as a table sized to its content. The profile column appears when a match has a web link (a
     * gallery's {@code gallery:NAME} only repeats the name); gallery photos are shown as local paths.
     */
    private void printMatches(EmbedderModel embedder, List<FaceMatch> matches) {
        boolean links = matches.stream().anyMatch(m -> isWebLink(m.link()));
        TextTable table = new TextTable().number("rank").number("distance").number("similarity").text("verdict").text("name");
        if (links) table.text("profile");
        table.text("photo");
        for (FaceMatch m : matches) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(m.rank()), String.format("%.4f", m.distance()),
                    String.format("%.4f", m.similarity()), SamePersonVerdict.of(embedder, m.similarity()).label(), m.name()));
            if (links) cells.add(isWebLink(m.link()) ? m.link() : "-");
            cells.add(localPath(m.photoUrl()));
            table.row(cells.toArray(String[]::new));
        }
        table.print(out(), "  ");
    }

    private static boolean isWebLink(String link) {
        return link != null && (link.startsWith("https://") || link.startsWith("http://"));
    }

    /** A {@code file:} URL as the path a terminal user can open; any other URL as it is. */
    static String localPath(String url) {
        if (url == null) return "-";
        if (!url.startsWith("file:")) return url;
        try {
            return Path.of(URI.create(url)).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private void printJson(EmbedderModel embedder, List<FaceResult> results, long detectNanos, long embedNanos)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("photo", photo.toString());
        root.put("model", embedder.id());
        List<Map<String, Object>> faces = new ArrayList<>();
        for (FaceResult r : results) {
            Map<String, Object> face = new LinkedHashMap<>();
            Detection d = r.detection();
            face.put("box", Map.of("x", d.x(), "y", d.y(), "width", d.width(), "height", d.height()));
            face.put("score", d.score());
            face.put("threshold", embedder.samePersonThreshold());
            face.put("samePersonFound", r.matches().stream().anyMatch(m -> embedder.samePerson(m.similarity())));
            face.put("matches", r.matches().stream().map(m -> withVerdict(embedder, m)).toList());
            if (timings) {
                ScanResult s = r.scan();
                face.put("timings_ms", Map.of("centroid_search", ms(s.centroidNanos()), "cluster_read", ms(s.readNanos()),
                        "scan", ms(s.scanNanos()), "rerank", ms(s.rerankNanos())));
                face.put("read", Map.of("clusters", s.clustersRead(), "faces", s.facesRead(), "bytes", s.bytesRead(),
                        "vectors", s.vectorsRead()));
            }
            faces.add(face);
        }
        root.put("faces", faces);
        if (timings) {
            root.put("timings_ms", Map.of("detection", ms(detectNanos), "embedding", ms(embedNanos)));
        }
        out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    }

    /** A match as JSON with {@code samePerson} added: whether its similarity reaches the model's threshold. */
    private static Map<String, Object> withVerdict(EmbedderModel embedder, FaceMatch m) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("rank", m.rank());
        match.put("faceId", m.faceId());
        match.put("distance", m.distance());
        match.put("similarity", m.similarity());
        match.put("samePerson", embedder.samePerson(m.similarity()));
        match.put("name", m.name());
        match.put("link", m.link());
        match.put("photoUrl", m.photoUrl());
        return match;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
