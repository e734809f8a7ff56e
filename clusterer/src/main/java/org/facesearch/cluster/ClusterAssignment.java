package org.facesearch.cluster;


import java.util.Optional;
import org.facesearch.store.clusters.CentroidCache;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.ClusteringWrites;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.vector.Centroids;
import org.jooq.DSLContext;

/**
 * Assigns a newly stored face to the nearest centroid of its model's active clustering, inside the caller's
 * transaction: the face row and its cluster row commit (or roll back) together.
 *
 * <p>One call does it all: find the active version with a shared lock ({@link Clusterings#activeLocked}), or,
 * for a model's very first face, create the initial version (k = 1, active, the face's vector as centroid); pick
 * the nearest centroid with the SIMD code ({@link Centroids#assign}); insert the {@code face_cluster} row with the
 * face's code (136 bytes at 1024-d, relative to that centroid: {@code CandidateScan#codeBytes}); add one to the
 * centroid's size. The shared lock makes a recluster's switch wait until this
 * transaction commits, so a face lands in the old version before the switch (and the recluster copies it into
 * the new one) or in the new version after it.
 *
 * <p>Caveats: the size update holds a row lock on the centroid until commit, so concurrent writers into the same
 * cluster serialise there (keep insert transactions short). Two transactions storing a model's first face at the
 * same moment both try to create the initial version; InnoDB resolves that as a deadlock and rolls one back, which
 * the storage path retries like any deadlock. Centroids are cached per version ({@link CentroidCache}).
 * Thread-safe.
 */
public final class ClusterAssignment {
    private final int cap;
    private final CentroidCache centroids = new CentroidCache();

    /** @param cap the cluster size above which {@link Assignment#overCap()} is reported (e.g. 47,000) */
    public ClusterAssignment(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be >= 1, got " + cap);
        }
        this.cap = cap;
    }

    /**
     * Assigns face {@code faceId} (already inserted in {@code tx}, of embedder {@code model}) to a cluster of the
     * active clustering of that model, creating the initial clustering if the model has none.
     *
     * @param vector the face's L2-normalised embedding, as stored in {@code face.vector}
     */
    public Assignment assignNewFace(DSLContext tx, String model, long faceId, float[] vector) {
        Optional<ClusteringVersion> active = Clusterings.activeLocked(tx, model);
        if (active.isEmpty()) {
            // a read that waited for a recluster's switch can miss the newly activated row: look once more
            active = Clusterings.activeLocked(tx, model);
        }
        if (active.isEmpty()) {
            return createInitial(tx, model, faceId, vector);
        }
        ClusteringVersion version = active.get();
        Centroids centroids = this.centroids.get(tx, version);
        if (centroids.dimension() != vector.length) {
            throw new IllegalArgumentException("face " + faceId + " has " + vector.length + " dimensions but model "
                    + model + "'s centroids have " + centroids.dimension());
        }
        int cluster = centroids.assign(vector, 0);
        byte[] code = this.centroids.codes(tx, version).codeBytes(vector, 0, cluster);
        int size = ClusteringWrites.addFace(tx, version.id(), cluster, faceId, code);
        return new Assignment(version.id(), cluster, size, size > cap);
    }

    private Assignment createInitial(DSLContext tx, String model, long faceId, float[] vector) {
        long id = ClusteringWrites.createInitial(tx, model, cap, faceId, vector);
        return new Assignment(id, 0, 1, 1 > cap);
    }
}
