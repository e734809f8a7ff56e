package org.facesearch.crawl;

import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.ReclusterPolicy;
import org.jooq.DSLContext;

/**
 * The clusterer behind the storage path's {@link ClusterHook}: {@link ClusterAssignment} puts each new face in the
 * nearest cluster of the active clustering (creating the initial one for a model's first face) inside the storing
 * transaction, and {@link ReclusterPolicy} runs a recluster after a batch when a cluster passed its cap.
 */
public final class ClustererHook implements ClusterHook {
    private final ClusterAssignment assignment;
    private final ReclusterPolicy policy;

    public ClustererHook(ClusterAssignment assignment, ReclusterPolicy policy) {
        this.assignment = assignment;
        this.policy = policy;
    }

    @Override
    public void assign(DSLContext tx, String model, long faceId, float[] vector) {
        assignment.assignNewFace(tx, model, faceId, vector);
    }

    @Override
    public void afterBatch(String model) {
        policy.afterBatch(model);
    }
}
