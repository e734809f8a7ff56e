package org.facesearch.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The face mesh from a bare box (a stored face's, no detector keypoints): on a portrait turned by 25 degrees the
 * mesh's eyes land on the detector's eye keypoints and the eye line has the photo's tilt, so the upright first
 * pass is enough for the second to level the face.
 */
class FaceMeshTest {

    private static FacePipeline pipeline;
    private static FaceMesh mesh;

    @BeforeAll
    static void open() throws Exception {
        pipeline = FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.FACERES);
        mesh = FaceMesh.open(TestPhotos.modelsDir(), System.err::println);
    }

    @AfterAll
    static void close() {
        pipeline.close();
        mesh.close();
    }

    @Test
    void landmarksFromABoxFindTheEyesOfATiltedFace() throws Exception {
        double tilt = Math.toRadians(25);
        RgbImage photo = turned(ImageDecoder.decode(TestPhotos.bytes(TestPhotos.singlePortrait())), tilt);
        Detection face = pipeline.detect(photo).stream().max(Comparator.comparingDouble(d -> d.width() * d.height())).orElseThrow();

        FaceLandmarks landmarks = mesh.landmarks(photo, face.box());

        assertTrue(landmarks.presence() > 0.9, "mesh confidence " + landmarks.presence());
        double tolerance = 0.1 * face.width();
        for (double[] eye : new double[][]{landmarks.leftEye(), landmarks.rightEye()}) {
            double nearest = Math.min(distance(eye, face.keypoints()[0]), distance(eye, face.keypoints()[1]));
            assertTrue(nearest < tolerance, "mesh eye " + nearest + " px from the detector's, box " + face.width() + " px");
        }
        double[] l = landmarks.leftEye(), r = landmarks.rightEye();
        assertEquals(Math.toDegrees(tilt), Math.toDegrees(Math.atan2(r[1] - l[1], r[0] - l[0])), 5, "eye line angle");
    }

    /** The photo turned by {@code theta} about its centre (clockwise on screen for a positive angle), corners black. */
    private static RgbImage turned(RgbImage image, double theta) {
        int side = Math.max(image.width(), image.height());
        float[] pixels = new float[side * side * 3];
        image.sample(Affine.similarity(1, -theta, (side - 1) / 2.0, (side - 1) / 2.0, (image.width() - 1) / 2.0, (image.height() - 1) / 2.0),
                side, pixels, 0, 1, 0);
        int[] rgb = new int[side * side];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Math.round(pixels[3 * i]) << 16 | Math.round(pixels[3 * i + 1]) << 8 | Math.round(pixels[3 * i + 2]);
        }
        return new RgbImage(side, side, rgb);
    }

    private static double distance(double[] p, float[] q) {
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }
}
