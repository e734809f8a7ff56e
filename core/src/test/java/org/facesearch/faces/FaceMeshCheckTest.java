package org.facesearch.faces;

import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The face mesh's face flag tells the faces from what BlazeFace alone takes for one. */
class FaceMeshCheckTest {

    private static TfGraphModel blaze, mesh;
    private static BlazeFaceDetector detector;
    private static FaceMeshCheck check;

    @BeforeAll
    static void open() throws Exception {
        ModelStore store = ModelStore.at(TestPhotos.modelsDir(), System.err::println);
        blaze = new TfGraphModel(store.graph(BlazeFaceDetector.MODEL_NAME));
        mesh = new TfGraphModel(store.graph(FaceMeshCheck.MODEL_NAME));
        check = new FaceMeshCheck(mesh);
        detector = new BlazeFaceDetector(blaze, check, BlazeFaceDetector.TILE);
    }

    @AfterAll
    static void close() {
        mesh.close();
        blaze.close();
    }

    @Test
    void catAndCupAreBlazeFaceCandidatesButNotHumanFaces() throws Exception {
        for (var photo : List.of(TestPhotos.notFaces().get(0), TestPhotos.notFaces().get(1))) {   // chelsea the cat, the coffee cup
            RgbImage image = ImageDecoder.decode(TestPhotos.bytes(photo));
            List<Detection> candidates = detector.candidates(image);
            assertFalse(candidates.isEmpty(), photo.getFileName() + " fools BlazeFace alone");
            for (float s : check.faceScores(image, candidates)) assertTrue(s < BlazeFaceDetector.HUMAN_FACE, photo.getFileName() + ": " + s);
        }
    }

    @Test
    void realFacesScoreHigh() throws Exception {
        RgbImage group = ImageDecoder.decode(TestPhotos.bytes(TestPhotos.groupPhoto()));
        List<Detection> faces = detector.detect(group);
        float[] scores = check.faceScores(group, faces);
        assertEquals(3, scores.length);
        for (float s : scores) assertTrue(s > 0.9f, "face flag " + s);
    }
}
