package org.facesearch.cli;

import org.facesearch.crawl.ClusterHook;
import org.facesearch.crawl.FaceAnalyzer;
import org.facesearch.crawl.StoragePath;
import org.facesearch.crawl.StoreCounts;

/**
 * What {@code crawl} and {@code import} share: the storage path built from the configuration (face pipeline of
 * {@code faces.model}, cluster assignment and recluster policy), and the summary both print at the end.
 */
final class StorageSetup {
    private StorageSetup() {
    }

    static StoragePath open(CliContext context, int analysisThreads) {
        FaceAnalyzer analyzer = FacePipelines.open(context);
        ClusterHook clusters = ClusterHooks.open(context);
        return new StoragePath(context.database().dsl(), analyzer, clusters, analysisThreads);
    }

    static String summary(StoreCounts c, double seconds) {
        return String.format("profiles %d, photos %d, faces %d, no face %d, failed %d, duplicates skipped %d in %.1f s "
                        + "(%.1f profiles/s, %.1f faces/s)", c.profiles(), c.photos(), c.faces(), c.noFace(), c.failed(),
                c.duplicates(), seconds, c.profiles() / Math.max(seconds, 1e-9), c.faces() / Math.max(seconds, 1e-9));
    }
}
