package org.facesearch.testing;

import org.facesearch.fetch.DownloadProgress;
import org.facesearch.fetch.NpmPackage;
import org.facesearch.fetch.NpmRegistry;
import org.facesearch.fetch.TarGz;
import org.facesearch.samples.SampleGallery;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real photos for tests and benchmarks of every module, fetched at test time from registry packages into a
 * shared cache ({@code ~/.cache/facesearch-test/photos}, override with {@code -Dfacesearch.test.cache=DIR}),
 * never committed. The first call fetches what is missing (two pinned, integrity-checked npm packages
 * from the npm registry; {@code apt-get download} of four pinned Debian packages, of which only the listed files are unpacked, no
 * install); later calls only read the cache. The face models' shared test cache is {@link #modelsDir()}.
 *
 * <p>Sources (all freely licensed as shipped by their packages):
 * {@code @vladmandic/face-api} demo photos, {@code @vladmandic/human} screenshots (incl. the face-match grid),
 * Debian {@code facedetect} examples (a portrait, a landscape without people), {@code python3-skimage}
 * data (astronaut portrait, a cat, a coffee cup, a rocket, a horse, a motorcycle), {@code python3-sklearn}'s
 * two sample photos (a Chinese temple, a flower) and {@code opencv-doc}'s example data (a mandrill, a
 * squirrel, a fish, a butterfly, a rendered monkey head, a chick, fruit, a painting). Of the Debian packages
 * only the listed files are unpacked ({@code dpkg-deb --fsys-tarfile | tar -x}), nothing is installed.
 */
public final class TestPhotos {

    private static final Path CACHE = Path.of(System.getProperty("facesearch.test.cache",
            Path.of(System.getProperty("user.home"), ".cache", "facesearch-test").toString()));
    private static final Path PHOTOS = CACHE.resolve("photos");

    /** A pinned npm package and the folder of its tarball whose photos we use. */
    private record Npm(NpmPackage pkg, String dir) {}

    private static final Npm FACE_API = new Npm(SampleGallery.FACE_API, "package/demo/");
    private static final Npm HUMAN = new Npm(SampleGallery.HUMAN, "package/assets/");
    /** Debian package (pinned version) -> the files of it we use. */
    private static final Map<String, List<String>> DEBIAN = Map.of(
            "facedetect=0.1-3+b4", List.of("usr/share/doc/facedetect/examples/grace_hopper_512x512.jpg",
                    "usr/share/doc/facedetect/examples/640px-IceBlockNearJoekullsarlon.jpg"),
            "python3-skimage=0.19.3-8", List.of("usr/lib/python3/dist-packages/skimage/data/astronaut.png",
                    "usr/lib/python3/dist-packages/skimage/data/chelsea.png", "usr/lib/python3/dist-packages/skimage/data/coffee.png",
                    "usr/lib/python3/dist-packages/skimage/data/rocket.jpg", "usr/lib/python3/dist-packages/skimage/data/horse.png",
                    "usr/lib/python3/dist-packages/skimage/data/motorcycle_left.png"),
            "python3-sklearn=1.2.1+dfsg-1", List.of("usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg",
                    "usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg"),
            "opencv-doc=4.6.0+dfsg-12", Stream.of("baboon.jpg", "squirrel_cls.jpg", "HappyFish.jpg", "butterfly.jpg",
                    "Blender_Suzanne1.jpg", "chicky_512.png", "fruits.jpg", "starry_night.jpg")
                    .map(f -> "usr/share/doc/opencv-doc/examples/data/" + f).toList());

    private TestPhotos() {}

    /** Shared face-model cache for tests, so reruns do not refetch the 145 MB model package. */
    public static Path modelsDir() {
        return CACHE.resolve("models");
    }

    /** Grace Hopper, 512x512 JPEG, one frontal face roughly over x 150-350, y 90-330. */
    public static Path singlePortrait() { return photo("grace_hopper_512x512.jpg"); }

    /** Eileen Collins (NASA astronaut portrait), 512x512 PNG, one face. */
    public static Path astronaut() { return photo("astronaut.png"); }

    /** Three women side by side, 1920x1280 JPEG (face-api demo sample1): 3 faces. */
    public static Path groupPhoto() { return photo("sample1.jpg"); }

    /** face-api demo photos sample1..sample6 (1920 px wide, several people each). */
    public static List<Path> faceApiSamples() {
        List<Path> l = new ArrayList<>();
        for (int i = 1; i <= 6; i++) l.add(photo("sample" + i + ".jpg"));
        return l;
    }

    /** A glacier landscape without any person, 640x427 JPEG. */
    public static Path noFace() { return photo("640px-IceBlockNearJoekullsarlon.jpg"); }

    /**
     * Photos without a human face, animals and objects, several of which fooled BlazeFace alone: a cat, a
     * coffee cup, a rocket launch, a horse (silhouette), a motorcycle, a temple, a flower, a mandrill, a
     * squirrel, a fish, a butterfly, a rendered monkey head, a chick, fruit, and Van Gogh's "Starry Night".
     */
    public static List<Path> notFaces() {
        return Stream.of("chelsea.png", "coffee.png", "rocket.jpg", "horse.png", "motorcycle_left.png", "china.jpg", "flower.jpg",
                "baboon.jpg", "squirrel_cls.jpg", "HappyFish.jpg", "butterfly.jpg", "Blender_Suzanne1.jpg", "chicky_512.png",
                "fruits.jpg", "starry_night.jpg").map(TestPhotos::photo).toList();
    }

    /** human's face-match screenshot: a 6 x 18 grid of face crops (row 0, columns 0-8 are one man). */
    public static Path faceMatchGrid() { return photo("screenshot-facematch.jpg"); }

    /** Grid geometry of {@link #faceMatchGrid()}: the demo's {@link SampleGallery} cuts the same grid. */
    public static final int GRID_ROWS = SampleGallery.GRID_ROWS, GRID_COLUMNS = SampleGallery.GRID_COLUMNS;

    /** Whether grid cell {@code (row, column)} shows "person A" (the man of row 0, columns 0-8). */
    public static boolean gridPersonA(int row, int column) {
        return SampleGallery.isPersonA(row, column);
    }

    /** One cell of the face-match grid as PNG bytes (a single face, ~100 px). */
    public static byte[] gridCell(int row, int column) {
        try {
            BufferedImage grid = ImageIO.read(faceMatchGrid().toFile());
            var out = new ByteArrayOutputStream();
            ImageIO.write(SampleGallery.gridCell(grid, row, column), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code size} x {@code size} photo of the square of {@code side} pixels centred on {@code (cx, cy)} of {@code photo}. */
    public static BufferedImage faceCrop(BufferedImage photo, double cx, double cy, double side, int size) {
        var crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        var g = crop.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, size, size, (int) Math.round(cx - side / 2), (int) Math.round(cy - side / 2),
                (int) Math.round(cx + side / 2), (int) Math.round(cy + side / 2), null);
        g.dispose();
        return crop;
    }

    /**
     * A labelled face set for identity benchmarks, written once into the cache as one folder per person
     * ({@code person-a/} with the 9 grid cells of the same man; {@code grid-r<row>c<col>/} with one cell each
     * for rows 2-5, faces of other people). Rows 0 (columns 9-17) and 1 are left out: they may show the same
     * man again and are not labelled.
     */
    public static synchronized Path labelledFaces() {
        Path dir = CACHE.resolve("labelled-faces");
        if (Files.isDirectory(dir)) return dir;
        try {
            Path tmp = Files.createTempDirectory(CACHE, "labelled-");
            for (int row = 0; row < GRID_ROWS; row++) {
                for (int col = 0; col < GRID_COLUMNS; col++) {
                    if (row == 1 || (row == 0 && !gridPersonA(row, col))) continue;
                    Path person = tmp.resolve(gridPersonA(row, col) ? "person-a" : "grid-r" + row + "c" + col);
                    Files.createDirectories(person);
                    Files.write(person.resolve("r" + row + "c" + col + ".png"), gridCell(row, col));
                }
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a fixture's bytes. */
    public static byte[] bytes(Path photo) {
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path photo(String name) {
        Path p = PHOTOS.resolve(name);
        if (Files.isRegularFile(p)) return p;
        try {
            Files.createDirectories(PHOTOS);
            try (FileChannel ch = FileChannel.open(PHOTOS.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var lock = ch.lock()) {
                if (!Files.isRegularFile(p)) fetchAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch test photos into " + PHOTOS + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(p)) throw new IllegalStateException("test photo " + name + " not found in its package");
        return p;
    }

    private static void fetchAll() throws IOException {
        System.err.println("fetching test photos into " + PHOTOS + " (once)");
        Path tmp = Files.createTempDirectory(PHOTOS, "fetch-");
        try {
            NpmRegistry registry = NpmRegistry.configured();
            for (Npm npm : List.of(FACE_API, HUMAN)) {
                Path tgz = registry.download(npm.pkg(), tmp, DownloadProgress.forConsole(System.err::println));
                TarGz.extract(tgz, e -> e.startsWith(npm.dir()) && e.matches(".*\\.(jpg|png)$"), PHOTOS);
            }
            for (var deb : DEBIAN.entrySet()) {
                Path dir = tmp.resolve(deb.getKey().replace('=', '_'));
                Files.createDirectories(dir);
                if (run(dir, "apt-get", "download", deb.getKey()) != 0) {
                    run(dir, "apt-get", "update", "-qq");   // a fresh machine has no package lists yet
                    if (run(dir, "apt-get", "download", deb.getKey()) != 0) throw new IOException("apt-get download " + deb.getKey() + " failed");
                }
                Path file;
                try (var files = Files.list(dir)) {
                    file = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElseThrow(() -> new IOException("no .deb for " + deb.getKey()));
                }
                Path root = Files.createDirectories(dir.resolve("root"));
                if (unpack(file, deb.getValue(), root) != 0) throw new IOException("unpacking " + deb.getValue() + " from " + file + " failed");
                for (String f : deb.getValue()) {
                    Files.copy(root.resolve(f), PHOTOS.resolve(Path.of(f).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
            }
        }
    }

    /** {@code dpkg-deb --fsys-tarfile DEB | tar -x -C ROOT ./FILE...}: only the wanted files of a package. */
    private static int unpack(Path deb, List<String> files, Path root) throws IOException {
        List<String> tar = new ArrayList<>(List.of("tar", "-x", "-C", root.toString()));
        files.forEach(f -> tar.add("./" + f));
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString()).redirectError(ProcessBuilder.Redirect.DISCARD),
                new ProcessBuilder(tar).redirectErrorStream(true).redirectOutput(root.resolveSibling("tar.log").toFile())));
        try {
            for (Process p : pipeline) {
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return -1;
                }
            }
            return pipeline.getLast().exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted unpacking " + deb, e);
        }
    }

    private static int run(Path dir, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cmd.log").toFile()).start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
