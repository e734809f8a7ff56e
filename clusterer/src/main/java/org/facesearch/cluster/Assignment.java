package org.facesearch.cluster;

/**
 * Where a new face went: its cluster in clustering version {@code clusteringId}, the cluster's size including
 * it, and whether that size now passes the cap (the caller should let {@link ReclusterPolicy} run after commit).
 */
public record Assignment(long clusteringId, int clusterId, int clusterSize, boolean overCap) {
}
