package org.facesearch.store.clusters;

import static org.facesearch.store.schema.Tables.FACE_CLUSTER;

import org.facesearch.store.schema.tables.records.FaceClusterRecord;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;

/**
 * Writes a page of assignments into {@code face_cluster} for one clustering version: each face's cluster and its
 * code ({@code org.facesearch.index.CodeBytes}, 136 bytes at 1024-d), as one multi-row INSERT.
 *
 * <p>The rows carry codes, not vectors: the float32 vector of a face is stored once, in {@code face}. (The
 * vector copies this table held before cost 4 KB a face of escaped literal text through the client, which is why
 * they were copied with INSERT ... SELECT inside the server; a code is 30x smaller.)
 */
public final class AssignmentWriter {
    private AssignmentWriter() {
    }

    /** Inserts face {@code ids[i]} into cluster {@code clusters[i]} with code {@code codes[i]}; counts it in {@code sizes}. */
    public static void write(DSLContext db, long clusteringId, long[] ids, int[] clusters, byte[][] codes, int[] sizes) {
        InsertValuesStep4<FaceClusterRecord, Long, Integer, Long, byte[]> insert = db.insertInto(FACE_CLUSTER,
                FACE_CLUSTER.CLUSTERING_ID, FACE_CLUSTER.CLUSTER_ID, FACE_CLUSTER.FACE_ID, FACE_CLUSTER.CODE);
        for (int i = 0; i < ids.length; i++) {
            insert = insert.values(clusteringId, clusters[i], ids[i], codes[i]);
            sizes[clusters[i]]++;
        }
        insert.execute();
    }
}
