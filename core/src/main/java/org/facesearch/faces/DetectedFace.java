package org.facesearch.faces;

import org.facesearch.vector.Box;

/**
 * A face found in a photo: its box in the upright photo's pixels (EXIF orientation applied), the detector
 * score (0..1), the L2-normalised embedding and the id of the model that made it ({@link EmbedderModel#id()}).
 */
public record DetectedFace(Box box, float score, float[] vector, String modelId) {
}
