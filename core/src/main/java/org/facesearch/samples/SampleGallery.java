package org.facesearch.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.facesearch.faces.NpmPack;
import org.facesearch.faces.TarGz;

/**
 * A small gallery of real face photos for the demo, laid out as {@code facesearch import} expects (one folder
 * per person), built from two pinned, integrity-checked npm packages (MIT-licensed):
 * <ul>
 *   <li>{@code @vladmandic/human}'s face-match screenshot, a 6 x 18 grid of face crops: each cell becomes a
 *       photo. Row 0, columns 0-8 show one man ("Person A"): eight of his crops form one person's folder and
 *       the ninth is kept out of the gallery as {@link #QUERY_FILE}, a photo to search with that the gallery
 *       does not contain — the search should still find Person A first. Every other cell is its own person.</li>
 *   <li>{@code @vladmandic/face-api}'s six demo photos, group photos of several people each.</li>
 * </ul>
 * Built once under the given directory and reused: the folder is written beside and renamed into place when
 * complete, so an interrupted fetch never leaves half a gallery. (TarGz extracts entries flat, by file name.)
 */
public final class SampleGallery {
    public static final String QUERY_FILE = "query-person-a.png";
    public static final String PERSON_A = "Person A (human face-match grid)";

    /** The pinned npm packages (name, version, sha512 integrity); the test photos come from the same pins. */
    public static final String FACE_API = "@vladmandic/face-api";
    public static final String FACE_API_VERSION = "1.7.15";
    public static final String FACE_API_INTEGRITY = "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==";
    public static final String HUMAN = "@vladmandic/human";
    public static final String HUMAN_VERSION = "3.3.6";
    public static final String HUMAN_INTEGRITY = "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==";

    /** Geometry of the face-match grid in its 1920x954 screenshot. */
    public static final int GRID_ROWS = 6, GRID_COLUMNS = 18;
    private static final double GRID_X0 = 0, GRID_Y0 = 284, GRID_PITCH_X = 1920.0 / 18, GRID_PITCH_Y = 111.7;

    private SampleGallery() {
    }

    /** Whether grid cell {@code (row, column)} shows Person A. */
    public static boolean isPersonA(int row, int column) {
        return row == 0 && column <= 8;
    }

    /** One cell of the face-match grid (a single face, about 100 px). */
    public static BufferedImage gridCell(BufferedImage grid, int row, int column) {
        int x = (int) Math.round(GRID_X0 + column * GRID_PITCH_X) + 2, y = (int) Math.round(GRID_Y0 + row * GRID_PITCH_Y) + 2;
        int w = (int) GRID_PITCH_X - 4, h = (int) GRID_PITCH_Y - 4;
        return grid.getSubimage(x, y, Math.min(w, grid.getWidth() - x), Math.min(h, grid.getHeight() - y));
    }

    /**
     * The gallery folder under {@code dir} ({@code dir/gallery}), fetched and laid out on the first call.
     * {@code dir/}{@value #QUERY_FILE} is the held-out photo of Person A.
     */
    public static Path ensure(Path dir, Consumer<String> progress) throws IOException {
        Path gallery = dir.resolve("gallery");
        if (Files.isDirectory(gallery) && Files.isRegularFile(dir.resolve(QUERY_FILE))) return gallery;
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "fetch-");
        try {
            progress.accept("fetching the sample gallery (" + HUMAN + ", " + FACE_API + " from the npm registry; once)");
            Path staged = work.resolve("gallery");
            Path humanTgz = NpmPack.fetch(HUMAN, HUMAN_VERSION, HUMAN_INTEGRITY, work.resolve("human"));
            TarGz.extract(humanTgz, "package/assets/screenshot-facematch.jpg"::equals, work);
            layOutGrid(ImageIO.read(work.resolve("screenshot-facematch.jpg").toFile()), staged, work.resolve(QUERY_FILE));
            Path faceApiTgz = NpmPack.fetch(FACE_API, FACE_API_VERSION, FACE_API_INTEGRITY, work.resolve("face-api"));
            TarGz.extract(faceApiTgz, e -> e.matches("package/demo/sample\\d\\.jpg"), work);
            for (int i = 1; i <= 6; i++) {
                Path person = Files.createDirectories(staged.resolve("Group photo " + i + " (face-api demo)"));
                Files.copy(work.resolve("sample" + i + ".jpg"), person.resolve("sample" + i + ".jpg"));
            }
            Files.move(work.resolve(QUERY_FILE), dir.resolve(QUERY_FILE), StandardCopyOption.REPLACE_EXISTING);
            deleteTree(gallery);
            Files.move(staged, gallery, StandardCopyOption.ATOMIC_MOVE);
            return gallery;
        } finally {
            deleteTree(work);
        }
    }

    private static void layOutGrid(BufferedImage grid, Path gallery, Path query) throws IOException {
        if (grid == null) throw new IOException("the face-match screenshot in " + HUMAN + " is not a readable image");
        for (int r = 0; r < GRID_ROWS; r++) {
            for (int c = 0; c < GRID_COLUMNS; c++) {
                BufferedImage cell = gridCell(grid, r, c);
                if (r == 0 && c == 8) {
                    ImageIO.write(cell, "png", query.toFile());
                    continue;
                }
                String person = isPersonA(r, c) ? PERSON_A : "Grid face row " + (r + 1) + " column " + (c + 1) + " (human face-match grid)";
                Path folder = Files.createDirectories(gallery.resolve(person));
                ImageIO.write(cell, "png", folder.resolve("r" + r + "c" + c + ".png").toFile());
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
