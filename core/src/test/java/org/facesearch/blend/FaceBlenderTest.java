package org.facesearch.blend;

import org.facesearch.faces.Detection;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FaceLandmarks;
import org.facesearch.faces.FaceMesh;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.RgbImage;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The blend is recognised as both parents: faceres finds one face in it, and that face is more similar to each
 * parent than the parents are to each other, for every pair of different people tried (the face-match grid's
 * cells of rows 2-5 show different people). The blends are written to {@code target/blends/} to look at. The
 * face mesh the blend runs from a bare box finds a tilted face's features.
 */
class FaceBlenderTest {

    private static FacePipeline faceres;
    private static FaceMesh mesh;

    @BeforeAll
    static void open() throws Exception {
        faceres = FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.FACERES);
        mesh = FaceMesh.open(TestPhotos.modelsDir(), System.err::println);
    }

    @AfterAll
    static void close() {
        faceres.close();
        mesh.close();
    }

    @Test
    void blendOfTwoPeopleIsRecognisedAsBoth() throws Exception {
        FaceBlender blender = new FaceBlender(mesh);
        Path out = Files.createDirectories(Path.of("target", "blends"));
        int pairs = 0;
        for (int col = 0; col < TestPhotos.GRID_COLUMNS && pairs < 12; col++) {
            for (int[] rows : new int[][]{{2, 3}, {4, 5}}) {
                RgbImage a = ImageDecoder.decode(TestPhotos.gridCell(rows[0], col)), b = ImageDecoder.decode(TestPhotos.gridCell(rows[1], col));
                Detection da = largest(a), db = largest(b);
                if (da == null || db == null || pairs == 12) continue;   // a few grid cells are too small or cut for the detector
                RgbImage blend = blender.blend(a, da.box(), b, db.box());
                assertEquals(FaceBlender.SIZE, blend.width());
                ImageIO.write(blend.toBufferedImage(), "png", out.resolve("r" + rows[0] + "c" + col + "+r" + rows[1] + "c" + col + ".png").toFile());
                List<Detection> inBlend = faceres.detect(blend);
                assertEquals(1, inBlend.size(), "one face in the blend of r" + rows[0] + "c" + col + " and r" + rows[1] + "c" + col);
                float[] va = faceres.embed(a, List.of(da))[0], vb = faceres.embed(b, List.of(db))[0], vm = faceres.embed(blend, inBlend)[0];
                double parents = dot(va, vb), toA = dot(vm, va), toB = dot(vm, vb);
                System.out.printf("blend r%dc%d+r%dc%d: parents %.3f, blend-a %.3f, blend-b %.3f%n", rows[0], col, rows[1], col, parents, toA, toB);
                assertTrue(toA > parents && toB > parents, "blend similarity to parents " + toA + ", " + toB + " vs parents' own " + parents);
                pairs++;
            }
        }
        assertEquals(12, pairs, "pairs of different people blended");
    }

    @Test
    void portraitsOfTwoWomenBlend() throws Exception {
        RgbImage a = ImageDecoder.decode(TestPhotos.bytes(TestPhotos.singlePortrait())), b = ImageDecoder.decode(TestPhotos.bytes(TestPhotos.astronaut()));
        RgbImage blend = new FaceBlender(mesh).blend(a, largest(a).box(), b, largest(b).box());
        ImageIO.write(blend.toBufferedImage(), "png", Files.createDirectories(Path.of("target", "blends")).resolve("hopper+collins.png").toFile());
        assertEquals(1, faceres.detect(blend).size());
    }

    /**
     * The face mesh from a bare box (a stored face's, no detector keypoints), as the blend uses it: on a portrait
     * turned by 25 degrees the mesh's eyes land on the detector's eye keypoints and the eye line has the photo's
     * tilt, so the upright first pass is enough for the second to level the face.
     */
    @Test
    void meshFromABoxFindsTheEyesOfATiltedFace() throws Exception {
        double tilt = Math.toRadians(25);
        RgbImage photo = turned(ImageIO.read(TestPhotos.singlePortrait().toFile()), tilt);
        Detection face = largest(photo);

        FaceLandmarks landmarks = mesh.landmarks(photo, face.box());

        assertTrue(landmarks.presence() > 0.9, "mesh confidence " + landmarks.presence());
        for (double[] eye : new double[][]{landmarks.leftEye(), landmarks.rightEye()}) {
            double nearest = Math.min(distance(eye, face.keypoints()[0]), distance(eye, face.keypoints()[1]));
            assertTrue(nearest < 0.1 * face.width(), "mesh eye " + nearest + " px from the detector's, box " + face.width() + " px");
        }
        double[] l = landmarks.leftEye(), r = landmarks.rightEye();
        assertEquals(25, Math.toDegrees(Math.atan2(r[1] - l[1], r[0] - l[0])), 5, "eye line angle");
    }

    /** The photo turned by {@code theta} about its centre (clockwise on screen for a positive angle), corners black. */
    private static RgbImage turned(BufferedImage image, double theta) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(theta, image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return RgbImage.of(out);
    }

    private static double distance(double[] p, float[] q) {
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }

    /** The photo's largest face, or null. */
    private static Detection largest(RgbImage image) {
        return faceres.detect(image).stream().max(Comparator.comparingDouble(d -> d.width() * d.height())).orElse(null);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
