package org.facesearch.index;

/** Builds a {@link LiveFaceIndex} from batches of faces (ids and row-major vectors); not thread-safe. */
public interface FaceIndexBuilder {
    /** Adds the first {@code n} faces of the batch; the arrays may be reused by the caller afterwards. */
    FaceIndexBuilder addAll(long[] ids, float[] vectors, int n);

    LiveFaceIndex build();
}
