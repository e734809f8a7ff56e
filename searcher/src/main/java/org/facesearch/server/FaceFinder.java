package org.facesearch.server;

import java.util.List;

/**
 * The face pipeline as the server uses it: the faces in an uploaded image, each with its box and an
 * L2-normalised embedding of {@link #model()}. Implementations must be safe for concurrent calls.
 */
public interface FaceFinder {
    /** The model id the embeddings belong to (stored as {@code face.model}). */
    String model();

    /** The embedding dimension of {@link #model()}. */
    int dimension();

    /**
     * The faces in {@code image}, strongest detection first; an image without a face gives an empty list.
     *
     * @throws UnreadableImageException when the bytes do not decode as an image
     */
    List<FoundFace> find(byte[] image);

    /** One detected face: box in image pixels, detector score, L2-normalised embedding. */
    record FoundFace(Box box, float score, float[] vector) {
    }

    /** An image the pipeline cannot decode; the message says why. */
    final class UnreadableImageException extends RuntimeException {
        public UnreadableImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
