package org.facesearch.faces;

/**
 * A face found in a photo: its box in the upright photo's pixels (EXIF orientation applied), the detector
 * score (0..1), the L2-normalised embedding and the id of the model that made it ({@link EmbedderModel#id()}).
 */
public record DetectedFace(float x, float y, float width, float height, float score, float[] vector, String modelId) {
}
