package org.facesearch.store.clusters;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
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
 *
 * <p>A face may be forgotten (deleted) between the read of its page and this write. So the page is written in one
 * transaction that first takes a shared lock on the page's faces that still exist and writes only those: a forget
 * holding one of them is waited for (and then the face is gone), or waits for this write (and then deletes the
 * new row with the others). A removed face is never written back, and the insert never breaks the foreign key.
 */
public final class AssignmentWriter {
    private AssignmentWriter() {
    }

    /** Inserts face {@code ids[i]}, if it still exists, into cluster {@code clusters[i]} with code {@code codes[i]}. */
    public static void write(DSLContext db, long clusteringId, long[] ids, int[] clusters, byte[][] codes) {
        db.transaction(c -> {
            DSLContext tx = c.dsl();
            var existing = tx.select(FACE.ID).from(FACE).where(FACE.ID.in(Arrays.stream(ids).boxed().toList()));
            Set<Long> present = new HashSet<>(tx.fetch("{0} lock in share mode", existing).getValues(0, Long.class));
            if (present.isEmpty()) {
                return;
            }
            InsertValuesStep4<FaceClusterRecord, Long, Integer, Long, byte[]> insert = tx.insertInto(FACE_CLUSTER,
                    FACE_CLUSTER.CLUSTERING_ID, FACE_CLUSTER.CLUSTER_ID, FACE_CLUSTER.FACE_ID, FACE_CLUSTER.CODE);
            for (int i = 0; i < ids.length; i++) {
                if (present.contains(ids[i])) {
                    insert = insert.values(clusteringId, clusters[i], ids[i], codes[i]);
                }
            }
            insert.execute();
        });
    }
}
