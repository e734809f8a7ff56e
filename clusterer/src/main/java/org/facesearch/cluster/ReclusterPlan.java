package org.facesearch.cluster;

import java.util.Optional;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.faces.Faces;
import org.jooq.DSLContext;

/**
 * What a recluster of one model will do: how many faces it covers, the version it replaces, the k it trains and
 * the size of the training sample. Computed before anything is written, so {@code --dry-run} prints it.
 *
 * <p>k is {@code max(previous k + 1, ceil(N / (cap * fill)), ceil(N / listSize))} unless forced: the cap is the
 * trigger and the ceiling of a cluster, the list size makes k grow with N (lists of ~1,000 faces at 1M, 10,000
 * lists at 10M) so that a probed list costs the same at any size (the nprobe a recall needs grows with k); and
 * never more than N (k-means needs at least one point per centroid). The sample is {@code k * pointsPerCentroid} faces, at least k and at
 * most {@code maxSample} and N. Training may still raise k (see {@link SampleTraining}).
 */
public record ReclusterPlan(String model, long faces, Optional<ClusteringVersion> active, int k, int sampleSize) {

    public static ReclusterPlan of(DSLContext db, String model, ReclusterOptions options) {
        long faces = Faces.count(db, model);
        Optional<ClusteringVersion> active = Clusterings.active(db, model);
        int previousK = active.map(ClusteringVersion::k).orElse(0);
        long wanted = options.k() > 0 ? options.k()
                : Math.max(Math.max(previousK + 1L, (long) Math.ceil(faces / (options.cap() * options.fill()))),
                        Math.ceilDiv(faces, (long) options.listSize()));
        int k = (int) Math.min(wanted, faces);
        long sample = Math.min(Math.min((long) k * options.pointsPerCentroid(), options.maxSample()), faces);
        return new ReclusterPlan(model, faces, active, k, (int) Math.max(sample, k));
    }

    public boolean isEmpty() {
        return faces == 0;
    }
}
