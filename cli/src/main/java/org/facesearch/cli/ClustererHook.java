package org.facesearch.cli;

import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterPolicy;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.ClusterHook;
import org.jooq.DSLContext;

/**
 * The clusterer behind the storage path of {@code crawl} and {@code import} (the crawler's {@link ClusterHook}
 * port, adapted here where the commands are wired, so the crawler does not depend on the clusterer): each new face
 * is assigned to its cluster in the storing transaction ({@link ClusterAssignment}), and after a batch that pushed
 * a cluster past {@code cluster.cap}, {@link ReclusterPolicy} runs a recluster with {@code cluster.fill}, the same
 * as {@code facesearch recluster}, with its progress bar on stderr. The crawl waits while it runs.
 */
final class ClustererHook implements ClusterHook {
    private final ClusterAssignment assignment;
    private final ReclusterPolicy policy;

    private ClustererHook(ClusterAssignment assignment, ReclusterPolicy policy) {
        this.assignment = assignment;
        this.policy = policy;
    }

    static ClusterHook open(CliContext context) {
        Config config = context.config();
        int cap = config.getInt(ConfigKey.CLUSTER_CAP);
        DSLContext db = context.database().dsl();
        Recluster recluster = new Recluster(db, ReclusterOptions.defaults(cap, config.getDouble(ConfigKey.CLUSTER_FILL))
                .withListSize(config.getInt(ConfigKey.CLUSTER_LIST_SIZE)),
                new ConsoleProgress());
        return new ClustererHook(new ClusterAssignment(cap), new ReclusterPolicy(db, cap, recluster));
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
