package org.facesearch.crawl;

import java.util.List;
import org.facesearch.faces.DetectedFace;

/**
 * The face pipeline as the storage path uses it: image bytes in, the faces found and the image size out, all
 * under one model id. An image that does not decode is an answer, not an exception. Implementations must be safe
 * to call from several threads at once. {@link PipelineAnalyzer} is the real one.
 */
public interface FaceAnalyzer {
    /** The id stored with every face ({@code face.model}); vectors of different models never mix. */
    String model();

    Analysis analyze(byte[] image);

    /** What the pipeline made of one image. */
    sealed interface Analysis {
    }

    /** A decoded image of {@code width x height} pixels with 0..n faces (L2-normalised vectors). */
    record Faces(int width, int height, List<DetectedFace> faces) implements Analysis {
    }

    /** Not an image the pipeline can decode; {@code reason} is stored as the photo's failure reason. */
    record Unreadable(String reason) implements Analysis {
    }
}
