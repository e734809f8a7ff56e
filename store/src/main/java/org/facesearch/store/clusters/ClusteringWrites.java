package org.facesearch.store.clusters;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.CLUSTERING;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;

import java.util.List;
import org.facesearch.index.CandidateScan;
import org.facesearch.vector.Centroids;
import org.facesearch.vector.VectorCodec;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Every write to the {@code clustering}, {@code centroid} and {@code face_cluster} tables: a new face's cluster row,
 * a model's initial one-cluster version, a recluster's building version, its switch and the deletion of old
 * versions. Callers own the transactions; the comments say which steps must share one (see the clusterer's
 * {@code Recluster} and {@code ClusterAssignment} for why).
 */
public final class ClusteringWrites {
    private static final int DELETE_CHUNK = 20_000;

    private ClusteringWrites() {
    }

    /**
     * Adds face {@code faceId} to {@code cluster} of {@code version} (its row with its code, from
     * {@link CandidateScan#codeBytes} with the version's centroids, and one more in the centroid's size) in the
     * caller's transaction; returns the cluster's new size.
     */
    public static int addFace(DSLContext tx, long version, int cluster, long faceId, byte[] code) {
        tx.insertInto(FACE_CLUSTER)
                .set(FACE_CLUSTER.CLUSTERING_ID, version)
                .set(FACE_CLUSTER.CLUSTER_ID, cluster)
                .set(FACE_CLUSTER.FACE_ID, faceId)
                .set(FACE_CLUSTER.CODE, code)
                .execute();
        tx.update(CENTROID).set(CENTROID.SIZE, CENTROID.SIZE.plus(1))
                .where(CENTROID.CLUSTERING_ID.eq(version), CENTROID.CLUSTER_ID.eq(cluster))
                .execute();
        return tx.select(CENTROID.SIZE).from(CENTROID)
                .where(CENTROID.CLUSTERING_ID.eq(version), CENTROID.CLUSTER_ID.eq(cluster))
                .fetchSingle(CENTROID.SIZE);
    }

    /**
     * Creates the initial, active version of a model from its first face (k = 1, the face's vector as the
     * centroid, the face in cluster 0) in the caller's transaction; returns the version's id.
     */
    public static long createInitial(DSLContext tx, String model, int cap, long faceId, float[] vector) {
        byte[] blob = VectorCodec.encode(vector);
        long id = tx.insertInto(CLUSTERING)
                .set(CLUSTERING.MODEL, model)
                .set(CLUSTERING.K, 1)
                .set(CLUSTERING.CAP, cap)
                .set(CLUSTERING.STATUS, ClusteringVersion.ACTIVE)
                .set(CLUSTERING.ACTIVATED_AT, DSL.currentLocalDateTime(3))
                .returningResult(CLUSTERING.ID)
                .fetchSingle(CLUSTERING.ID);
        tx.insertInto(CENTROID)
                .set(CENTROID.CLUSTERING_ID, id)
                .set(CENTROID.CLUSTER_ID, 0)
                .set(CENTROID.VECTOR, blob)
                .set(CENTROID.SIZE, 1)
                .execute();
        tx.insertInto(FACE_CLUSTER)
                .set(FACE_CLUSTER.CLUSTERING_ID, id)
                .set(FACE_CLUSTER.CLUSTER_ID, 0)
                .set(FACE_CLUSTER.FACE_ID, faceId)
                .set(FACE_CLUSTER.CODE, new CandidateScan(new Centroids(vector, 1, vector.length)).codeBytes(vector, 0, 0))
                .execute();
        return id;
    }

    /** Stores a new version of {@code model} in state building with its centroids (sizes 0), in one transaction. */
    public static long createBuilding(DSLContext db, String model, int cap, Centroids centroids) {
        return db.transactionResult(c -> {
            DSLContext tx = c.dsl();
            long id = tx.insertInto(CLUSTERING)
                    .set(CLUSTERING.MODEL, model).set(CLUSTERING.K, centroids.k()).set(CLUSTERING.CAP, cap)
                    .set(CLUSTERING.STATUS, ClusteringVersion.BUILDING)
                    .returningResult(CLUSTERING.ID).fetchSingle(CLUSTERING.ID);
            BatchBindStep rows = tx.batch(tx.insertInto(CENTROID,
                    CENTROID.CLUSTERING_ID, CENTROID.CLUSTER_ID, CENTROID.VECTOR, CENTROID.SIZE)
                    .values((Long) null, null, null, null));
            for (int cluster = 0; cluster < centroids.k(); cluster++) {
                rows.bind(id, cluster, VectorCodec.encode(centroids.centroid(cluster)), 0);
            }
            rows.execute();
            return id;
        });
    }

    /**
     * The ids of the active versions of {@code model}, locked for update until {@code tx} ends: the first
     * statement of a switch, which waits for transactions still assigning faces to them.
     */
    public static List<Long> lockActive(DSLContext tx, String model) {
        return tx.select(CLUSTERING.ID).from(CLUSTERING)
                .where(CLUSTERING.MODEL.eq(model), CLUSTERING.STATUS.eq(ClusteringVersion.ACTIVE))
                .forUpdate().fetch(CLUSTERING.ID);
    }

    /**
     * The end of a switch, in the transaction that {@link #lockActive locked} the old versions: the new version's
     * {@code k} centroid sizes counted from its rows (so that faces a forget removed while the version was being
     * written are not counted), the old versions retired, the new one active. Returns the sizes, by cluster.
     *
     * <p>The count reads the covering index {@code face_cluster_face (clustering_id, face_id)}, whose entries carry
     * the primary key's {@code cluster_id}: a few dozen bytes per face, where the primary key's rows hold the
     * vectors.
     */
    public static int[] activate(DSLContext tx, long version, int k, List<Long> retired) {
        int[] sizes = new int[k];
        tx.resultQuery("select cluster_id, count(*) from face_cluster force index (face_cluster_face) "
                        + "where clustering_id = ? group by cluster_id", version)
                .forEach(r -> sizes[r.get(0, Integer.class)] = r.get(1, Integer.class));
        BatchBindStep sizeUpdates = tx.batch(tx.update(CENTROID).set(CENTROID.SIZE, (Integer) null)
                .where(CENTROID.CLUSTERING_ID.eq((Long) null), CENTROID.CLUSTER_ID.eq((Integer) null)));
        for (int c = 0; c < sizes.length; c++) {
            sizeUpdates.bind(sizes[c], version, c);
        }
        sizeUpdates.execute();
        tx.update(CLUSTERING).set(CLUSTERING.STATUS, ClusteringVersion.RETIRED).where(CLUSTERING.ID.in(retired)).execute();
        tx.update(CLUSTERING).set(CLUSTERING.STATUS, ClusteringVersion.ACTIVE)
                .set(CLUSTERING.ACTIVATED_AT, DSL.currentLocalDateTime(3))
                .where(CLUSTERING.ID.eq(version)).execute();
        return sizes;
    }

    /**
     * Deletes a version that no search or writer uses any more, cluster by cluster in bounded chunks (each its own
     * statement, so no long transaction holds the rows).
     */
    public static void deleteVersion(DSLContext db, long id) {
        int k = db.select(CLUSTERING.K).from(CLUSTERING).where(CLUSTERING.ID.eq(id)).fetchSingle(CLUSTERING.K);
        for (int cluster = 0; cluster < k; cluster++) {
            while (db.deleteFrom(FACE_CLUSTER)
                    .where(FACE_CLUSTER.CLUSTERING_ID.eq(id), FACE_CLUSTER.CLUSTER_ID.eq(cluster))
                    .limit(DELETE_CHUNK).execute() == DELETE_CHUNK) {
                // next chunk
            }
        }
        db.deleteFrom(CENTROID).where(CENTROID.CLUSTERING_ID.eq(id)).execute();
        db.deleteFrom(CLUSTERING).where(CLUSTERING.ID.eq(id)).execute();
    }
}
