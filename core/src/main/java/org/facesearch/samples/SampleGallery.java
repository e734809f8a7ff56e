package org.facesearch.samples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.facesearch.fetch.DownloadProgress;
import org.facesearch.fetch.NpmPackage;
import org.facesearch.fetch.NpmRegistry;
import org.facesearch.fetch.OwnedTemp;
import org.facesearch.fetch.TarGz;

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
 * complete, so an interrupted fetch never leaves half a gallery; the work folder of a killed one is swept by the next
 * (TarGz extracts entries flat, by file name.)
 */
public final class SampleGallery {
    public static final String QUERY_FILE = "query-person-a.png";
    public static final String PERSON_A = "Person A (human face-match grid)";

    /** The pinned npm packages; the test photos come from the same pins. */
    public static final NpmPackage FACE_API = new NpmPackage("@vladmandic/face-api", "1.7.15",
            "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==");
    public static final NpmPackage HUMAN = new NpmPackage("@vladmandic/human", "3.3.6",
            "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==");
    private static final String WORK = "fetch-";

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
        OwnedTemp.sweep(dir, WORK);   // what a killed fetch left; a live one's folder carries a live pid
        Path work = OwnedTemp.directory(dir, WORK);
        try {
            progress.accept("fetching the sample gallery (" + HUMAN.name() + ", " + FACE_API.name() + " from the npm registry; once)");
            Path staged = work.resolve("gallery");
            NpmRegistry registry = NpmRegistry.configured();
            Path humanTgz = registry.download(HUMAN, work.resolve("human"), DownloadProgress.forConsole(progress));
            TarGz.extract(humanTgz, "package/assets/screenshot-facematch.jpg"::equals, work);
            layOutGrid(ImageIO.read(work.resolve("screenshot-facematch.jpg").toFile()), staged, work.resolve(QUERY_FILE));
            Path faceApiTgz = registry.download(FACE_API, work.resolve("face-api"), DownloadProgress.forConsole(progress));
            TarGz.extract(faceApiTgz, e -> e.matches("package/demo/sample\\d\\.jpg"), work);
            for (int i = 1; i <= 6; i++) {
                Path person = Files.createDirectories(staged.resolve("Group photo " + i + " (face-api demo)"));
                Files.copy(work.resolve("sample" + i + ".jpg"), person.resolve("sample" + i + ".jpg"));
            }
            Files.move(work.resolve(QUERY_FILE), dir.resolve(QUERY_FILE), StandardCopyOption.REPLACE_EXISTING);
            OwnedTemp.deleteTree(gallery);
            Files.move(staged, gallery, StandardCopyOption.ATOMIC_MOVE);
            return gallery;
        } finally {
            OwnedTemp.deleteTree(work);
        }
    }

    private static void layOutGrid(BufferedImage grid, Path gallery, Path query) throws IOException {
        if (grid == null) throw new IOException("the face-match screenshot in " + HUMAN.name() + " is not a readable image");
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
}
