package org.facesearch.search;

import java.util.List;
import org.facesearch.vector.Neighbor;

/**
 * The nearest faces found by a {@link ClusterScan} (squared L2 distances, nearest first), what it read, and how
 * long each step took in nanoseconds: choosing the clusters (centroid search), reading their codes, scanning them
 * and re-ranking the best ({@code scanNanos}, of which {@code rerankNanos} the exact re-rank of the
 * {@code vectorsRead} candidates whose float32 vectors it read from MySQL).
 */
public record ScanResult(List<Neighbor> neighbors, long clusteringId, int clustersRead, int facesRead, long bytesRead,
                         long centroidNanos, long readNanos, long scanNanos, long rerankNanos, int vectorsRead) {
}
