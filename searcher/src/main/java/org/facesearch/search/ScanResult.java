package org.facesearch.search;

import java.util.List;
import org.facesearch.vector.Neighbor;

/**
 * The nearest faces found by a {@link ClusterScan} (squared L2 distances, nearest first), what it read, and how
 * long each step took in nanoseconds: choosing the clusters (centroid search), reading them from MySQL, scanning.
 */
public record ScanResult(List<Neighbor> neighbors, long clusteringId, int clustersRead, int facesRead, long bytesRead,
                         long centroidNanos, long readNanos, long scanNanos) {
}
