package org.facesearch.cli;

import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterPolicy;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.ClusterHook;
import org.facesearch.crawl.ClustererHook;
import org.jooq.DSLContext;

/**
 * The clusterer behind the storage path of {@code crawl} and {@code import}: each new face assigned to its cluster
 * in the storing transaction, and after a batch that pushed a cluster past {@code cluster.cap}, a recluster with
 * {@code cluster.fill}, the same as {@code facesearch recluster} runs, with its progress bar on stderr (the policy
 * logs why it runs). The crawl waits while it runs.
 */
final class ClusterHooks {
    private ClusterHooks() {
    }

    static ClusterHook open(CliContext context) {
        Config config = context.config();
        int cap = config.getInt(ConfigKey.CLUSTER_CAP);
        DSLContext db = context.database().dsl();
        Recluster recluster = new Recluster(db, ReclusterOptions.defaults(cap, config.getDouble(ConfigKey.CLUSTER_FILL)),
                new ConsoleProgress());
        return new ClustererHook(new ClusterAssignment(cap), new ReclusterPolicy(db, cap, recluster));
    }
}
