package org.facesearch.index;

/**
 * A {@link FaceIndex} that a server keeps fresh: {@link #withFace} gives the index that also holds a new face,
 * either a new immutable snapshot ({@link IvfIndex}) or the same index grown in place (a graph).
 */
public interface LiveFaceIndex extends FaceIndex {
    /** The index with the face added; {@link LiveIndex} calls it from one writer at a time. */
    LiveFaceIndex withFace(long id, float[] vector);

    /** The index without the faces whose ids are in {@code removed} (ids it does not hold are ignored). */
    LiveFaceIndex withoutFaces(java.util.Set<Long> removed);
}
