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
 * never more than N (k-means needs at least one point per centroid). The sample is {@link #sampleSize}. Training may
 * still raise k (see {@link SampleTraining}).
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
        return new ReclusterPlan(model, faces, active, k, sampleSize(faces, k, options));
    }

    /**
     * Training points for k centroids among {@code faces}: {@code k * pointsPerCentroid}, at most
     * {@code maxSample} unless that would leave fewer than {@value ReclusterOptions#MIN_POINTS_PER_CENTROID}
     * points a centroid, never more than the faces and never fewer than k.
     *
     * <p>Why the floor: with too few points a centroid, k-means leaves many centroids on a handful of sample faces
     * (one person's photos) and a few with a small norm that win most faces. Measured at k = 10,000 on 2M face-like
     * vectors (BENCHMARKS.md, "Training sample at large k"): 6.5 points a centroid (65,536) gave lists of median 62
     * for a mean of 200 and needed 12.5% of the faces scanned for 95% of the true top 10 in the probed lists; 26
     * points gave median 167 and 9.5%.
     */
    static int sampleSize(long faces, int k, ReclusterOptions options) {
        long wanted = (long) k * options.pointsPerCentroid();
        long ceiling = Math.max(options.maxSample(), (long) k * ReclusterOptions.MIN_POINTS_PER_CENTROID);
        return (int) Math.max(Math.min(Math.min(wanted, ceiling), faces), k);
    }

    public boolean isEmpty() {
        return faces == 0;
    }
}
