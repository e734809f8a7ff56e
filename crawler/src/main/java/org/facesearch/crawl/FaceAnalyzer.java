package org.facesearch.crawl;

import java.util.List;

/**
 * The face pipeline as the storage path uses it: image bytes in, the faces found (box, detector score,
 * L2-normalised vector) out, all under one model id. An image that does not decode is an answer, not an exception.
 * Implementations must be safe to call from several threads at once.
 */
public interface FaceAnalyzer {
    /** The id stored with every face ({@code face.model}); vectors of different models never mix. */
    String model();

    Analysis analyze(byte[] image);

    /** What the pipeline made of one image. */
    sealed interface Analysis {
    }

    /** A decoded image of {@code width x height} pixels with 0..n faces. */
    record Faces(int width, int height, List<Face> faces) implements Analysis {
    }

    /** Not an image the pipeline can decode; {@code reason} is stored as the photo's failure reason. */
    record Unreadable(String reason) implements Analysis {
    }

    /** One face: its box in image pixels, the detector score and the embedding. */
    record Face(float x, float y, float width, float height, float score, float[] vector) {
    }
}
