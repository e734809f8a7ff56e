package org.facesearch.cli;

import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterPolicy;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.ClusterHook;
import org.facesearch.crawl.ClustererHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusterer's assignment and recluster policy for the storage path, with the configured {@code cluster.cap}.
 * Until the clusterer's recluster lands in this build, a cluster passing the cap is logged (issue 4, item 3).
 */
final class ClusterHooks {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHooks.class);

    private ClusterHooks() {
    }

    static ClusterHook open(CliContext context) {
        int cap = context.config().getInt(ConfigKey.CLUSTER_CAP);
        var options = ReclusterOptions.defaults(cap, context.config().getDouble(ConfigKey.CLUSTER_FILL));
        Recluster recluster = new Recluster(context.database().dsl(), options, new ConsoleProgress());
        ReclusterPolicy policy = new ReclusterPolicy(context.database().dsl(), cap, model -> {
            LOG.info("a cluster of model {} holds more than {} faces: reclustering", model, cap);
            return recluster.recluster(model);
        });
        return new ClustererHook(new ClusterAssignment(cap), policy);
    }
}
