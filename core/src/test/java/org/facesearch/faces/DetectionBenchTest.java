package org.facesearch.faces;

import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The detection benchmark behind BENCHMARKS.md's detection table (a program, not a test: enabled by
 * {@code -Dfacesearch.bench=true}): faces found on photos whose face counts are known, duplicate boxes,
 * boxes on animal and object photos, 40-px faces in big photos, time per 1920-px photo; with and without
 * tiles, plus the face-mesh face flag on every BlazeFace candidate of faces and of non-faces.
 */
@EnabledIfSystemProperty(named = "facesearch.bench", matches = "true")
class DetectionBenchTest {

    private record Known(String name, RgbImage image, int faces) {}

    @Test
    void detectionTable() throws Exception {
        ModelStore store = ModelStore.at(TestPhotos.modelsDir(), System.err::println);
        try (TfGraphModel blaze = new TfGraphModel(store.graph(BlazeFaceDetector.MODEL_NAME));
             TfGraphModel mesh = new TfGraphModel(store.graph(FaceMeshCheck.MODEL_NAME))) {
            FaceMeshCheck check = new FaceMeshCheck(mesh);
            List<Known> known = knownPhotos(new BlazeFaceDetector(blaze, check, 0));
            List<RgbImage> notFaces = new ArrayList<>();
            for (Path p : TestPhotos.notFaces()) notFaces.add(ImageDecoder.decode(TestPhotos.bytes(p)));
            meshScores(new BlazeFaceDetector(blaze, check, 0), check, known, notFaces);
            RgbImage big = ImageDecoder.decode(TestPhotos.bytes(TestPhotos.groupPhoto()));
            System.out.printf("%d photos with %d known faces (face-api sample1-6, 2 portraits, 108 grid cells, 150-px crops of the samples' faces); %d animal/object photos%n%n",
                    known.size(), known.stream().mapToInt(Known::faces).sum(), notFaces.size());
            System.out.println("| tiles | known faces found | extra boxes | duplicate boxes | boxes on animal/object photos | 40-px faces in 1920x1280 | in 1280x853 | ms per 1920x1280 photo (median of 10) |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int tile : new int[]{0, BlazeFaceDetector.TILE, 1024}) {
                BlazeFaceDetector d = new BlazeFaceDetector(blaze, check, tile);
                int found = 0, want = 0, extra = 0, dup = 0, animal = 0;
                List<String> off = new ArrayList<>();
                for (Known k : known) {
                    List<Detection> f = d.detect(k.image());
                    found += Math.min(f.size(), k.faces());
                    want += k.faces();
                    extra += Math.max(0, f.size() - k.faces());
                    for (int a = 0; a < f.size(); a++) for (int c = a + 1; c < f.size(); c++) if (centreInside(f.get(a), f.get(c))) dup++;
                    if (f.size() != k.faces()) off.add(k.name() + ": " + f.size());
                }
                for (RgbImage img : notFaces) animal += d.detect(img).size();
                double[] ms = new double[10];
                for (int i = 0; i < 3; i++) d.detect(big);
                for (int i = 0; i < ms.length; i++) {
                    long t = System.nanoTime();
                    d.detect(big);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "| %s | %d/%d | %d | %d | %d | %s | %s | %.1f |%n", tile == 0 ? "none" : tile + " px", found, want, extra, dup, animal,
                        smallFaces(d, 1920, 1280), smallFaces(d, 1280, 853), ms[ms.length / 2]);
                System.out.println("  (not as counted: " + off + ")");
            }
        }
    }

    private static List<Known> knownPhotos(BlazeFaceDetector d) throws Exception {
        List<Known> known = new ArrayList<>();
        int[] counts = {3, 3, 3, 4, 5, 4};
        List<Path> samples = TestPhotos.faceApiSamples();
        for (int i = 0; i < 6; i++) known.add(new Known("sample" + (i + 1), ImageDecoder.decode(TestPhotos.bytes(samples.get(i))), counts[i]));
        for (Path p : List.of(TestPhotos.singlePortrait(), TestPhotos.astronaut())) known.add(new Known(p.getFileName().toString(), ImageDecoder.decode(TestPhotos.bytes(p)), 1));
        for (int r = 0; r < TestPhotos.GRID_ROWS; r++) {
            for (int c = 0; c < TestPhotos.GRID_COLUMNS; c++) known.add(new Known("grid r" + r + "c" + c, ImageDecoder.decode(TestPhotos.gridCell(r, c)), 1));
        }
        for (int i = 0; i < 6; i++) {
            RgbImage img = known.get(i).image();
            for (Detection f : d.detect(img)) known.add(new Known("crop of sample" + (i + 1), RgbImage.of(TestPhotos.faceCrop(img.toBufferedImage(),
                    f.x() + f.width() / 2, f.y() + f.height() / 2, 1.8 * Math.max(f.width(), f.height()), 150)), 1));
        }
        return known;
    }

    /** The face flag on every first-pass candidate (after its second look), faces vs animals and objects. */
    private static void meshScores(BlazeFaceDetector d, FaceMeshCheck check, List<Known> known, List<RgbImage> notFaces) {
        List<Float> onFaces = new ArrayList<>(), onOthers = new ArrayList<>();
        float maxBlazeOnOthers = 0;
        for (Known k : known) if (k.faces() > 0) for (float s : check.faceScores(k.image(), d.detect(k.image()))) onFaces.add(s);
        for (RgbImage img : notFaces) {
            List<Detection> c = d.candidates(img);
            for (Detection x : c) maxBlazeOnOthers = Math.max(maxBlazeOnOthers, x.score());
            for (float s : check.faceScores(img, c)) onOthers.add(s);
        }
        onFaces.sort(null);
        onOthers.sort(null);
        System.out.printf(Locale.ROOT, "face flag on %d found faces: lowest %s; on %d BlazeFace candidates in animal/object photos (BlazeFace scores up to %.3f): highest %s%n",
                onFaces.size(), onFaces.subList(0, Math.min(3, onFaces.size())), onOthers.size(), maxBlazeOnOthers,
                onOthers.subList(Math.max(0, onOthers.size() - 3), onOthers.size()));
    }

    /** The portrait shrunk to a 40-px face at 20 random places on a plain photo: how many are found. */
    private static String smallFaces(BlazeFaceDetector d, int width, int height) throws Exception {
        BufferedImage portrait = ImageIO.read(TestPhotos.singlePortrait().toFile());
        Random rnd = new Random(7);
        int found = 0, n = 20, face = 40, side = 512 * face / 183;   // the face spans ~183 of the portrait's 512 px
        for (int i = 0; i < n; i++) {
            int left = rnd.nextInt(width - side), top = rnd.nextInt(height - side);
            var canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            var g = canvas.createGraphics();
            g.setColor(new Color(120, 120, 110));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(portrait, left, top, side, side, null);
            g.dispose();
            double cx = left + 268.0 * side / 512, cy = top + 221.0 * side / 512;
            if (d.detect(RgbImage.of(canvas)).stream().anyMatch(x -> Math.abs(x.x() + x.width() / 2 - cx) < face / 4.0
                    && Math.abs(x.y() + x.height() / 2 - cy) < face / 4.0)) found++;
        }
        return found + "/" + n;
    }

    static boolean centreInside(Detection a, Detection b) {
        double ax = a.x() + a.width() / 2, ay = a.y() + a.height() / 2, bx = b.x() + b.width() / 2, by = b.y() + b.height() / 2;
        return (ax > b.x() && ax < b.x() + b.width() && ay > b.y() && ay < b.y() + b.height())
                || (bx > a.x() && bx < a.x() + a.width() && by > a.y() && by < a.y() + a.height());
    }
}
