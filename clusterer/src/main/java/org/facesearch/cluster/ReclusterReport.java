package org.facesearch.cluster;

import java.time.Duration;

/**
 * What a recluster did. Streaming overlaps reading with assignment and writing, so {@code read + assign + write}
 * can exceed {@code stream} (the wall time of that phase).
 *
 * @param previousVersion the version that was active before, or 0
 * @param version         the new active version, or 0 if there was nothing to recluster
 * @param faces           faces assigned while streaming
 * @param caughtUp        faces stored during the recluster and assigned at the switch
 */
public record ReclusterReport(String model, long previousVersion, long version, long faces, long caughtUp,
                              int sampleSize, ClusterSizes sizes, Duration sampling, Duration training,
                              Duration read, Duration assign, Duration write, Duration stream, Duration switchOver,
                              Duration cleanup, Duration total) {
}
