package org.facesearch.cli;

import org.facesearch.crawl.ClusterHook;

/** The clusterer's assignment and recluster policy as the storage path's {@link ClusterHook}. */
final class ClusterHooks {
    private ClusterHooks() {
    }

    static ClusterHook open(CliContext context) {
        // TODO(store): wire org.facesearch.cluster once the cluster branch publishes its assignment API
        throw new UserException("cluster assignment is not part of this build yet");
    }
}
