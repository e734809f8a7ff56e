package org.facesearch.index;

import java.util.List;
import org.facesearch.vector.Neighbor;

/**
 * An inverted-file (IVF) index over the faces of one model: the {@code nprobe} clusters whose centroids are
 * nearest to the query are scanned, and the {@code k} nearest faces by squared L2 distance are returned,
 * nearest first, ties by smaller face id.
 *
 * <p>Vectors are compared only with vectors of the same model: a query names its model, and a query of another
 * model (or of another dimension) is refused with {@link IllegalArgumentException} rather than answered with
 * meaningless distances. Queries are expected L2-normalised like the stored faces
 * ({@link org.facesearch.vector.VectorCodec#normalize}). Implementations are safe for concurrent queries.
 */
public interface FaceIndex {
    String modelId();

    int dimension();

    /** Number of faces indexed. */
    long size();

    /** Number of clusters (inverted lists). */
    int clusters();

    /** Approximate memory held by the index (vectors or codes, ids, centroids), for bytes-per-face figures. */
    long bytes();

    /** The {@code k} nearest faces among the {@code nprobe} clusters nearest to {@code query}. */
    List<Neighbor> search(String modelId, float[] query, int k, int nprobe);

    /** Refuses a query of another model or dimension than this index's. */
    default void requireSameModel(String queryModelId, float[] query) {
        if (!modelId().equals(queryModelId)) {
            throw new IllegalArgumentException(
                    "index holds model " + modelId() + ", query is of model " + queryModelId);
        }
        if (query.length != dimension()) {
            throw new IllegalArgumentException(
                    "index holds " + dimension() + "-d vectors, query has " + query.length);
        }
    }
}
