package org.facesearch.crawl;

import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterPolicy;
import org.facesearch.cluster.ReclusterProgress;
import org.jooq.DSLContext;

/** The real clusterer behind the storage path, wired as cli's ClustererHook wires it, with a cap chosen by the test. */
public final class TestClusters {
    private TestClusters() {
    }

    /**
     * Assignment, recluster policy and recluster with cluster cap {@code cap} and fill 1.0 (a recluster makes
     * k = ceil(faces / cap) clusters, so a test knows k).
     */
    public static ClusterHook hook(DSLContext db, int cap) {
        Recluster recluster = new Recluster(db, ReclusterOptions.defaults(cap, 1.0), ReclusterProgress.NONE);
        ClusterAssignment assignment = new ClusterAssignment(cap);
        ReclusterPolicy policy = new ReclusterPolicy(db, cap, recluster);
        return new ClusterHook() {
            @Override
            public void assign(DSLContext tx, String model, long faceId, float[] vector) {
                assignment.assignNewFace(tx, model, faceId, vector);
            }

            @Override
            public void afterBatch(String model) {
                policy.afterBatch(model);
            }
        };
    }
}
