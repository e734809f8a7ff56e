/**
 * IVF lists for the faces of each model: k-means training on a uniform sample (k-means++ seeding, SIMD Lloyd
 * iterations), a new face's assignment to the nearest centroid in its storing transaction, the recluster policy (a
 * cluster past the cap triggers it) and the versioned, atomic switch ({@link org.facesearch.cluster.Recluster}).
 *
 * <p>The SQL lives in {@code org.facesearch.store.clusters}; this package decides what to write and when.
 */
package org.facesearch.cluster;
