/**
 * Vector basics, JDK only: the stored vector encodings, float32 little-endian or sparse ({@link org.facesearch.vector.VectorCodec}), SIMD
 * distances with the Vector API ({@link org.facesearch.vector.VectorMath}, scalar twin in tests), top-k, centroids and
 * Lloyd iterations, the threads that split one query over the cores ({@link org.facesearch.vector.QueryThreads}),
 * and a face's {@link org.facesearch.vector.Box}.
 */
package org.facesearch.vector;
