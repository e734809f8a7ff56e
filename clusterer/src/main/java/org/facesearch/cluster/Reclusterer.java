package org.facesearch.cluster;


/**
 * Something that reclusters one model's faces: what {@link ReclusterPolicy} runs when a cluster passes the cap.
 * {@link Recluster} is the implementation; the policy only decides when.
 */
@FunctionalInterface
public interface Reclusterer {
    /**
     * Reclusters the faces of {@code model} and switches to the new version.
     *
     * @throws ReclusterBusyException if another process is reclustering right now
     */
    ReclusterReport recluster(String model);
}
