/**
 * Queries on {@code clustering}, {@code centroid} and {@code face_cluster}: the active version (also with a shared
 * lock), centroids (cached per version), the codes of a whole version (the server's index and the CLI's search cache) read
 * by primary-key range, assignments, a recluster's building
 * version, switch and deletion, and the database-wide recluster lock.
 */
package org.facesearch.store.clusters;
