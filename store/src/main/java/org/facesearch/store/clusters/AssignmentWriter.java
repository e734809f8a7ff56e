package org.facesearch.store.clusters;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.facesearch.store.DiskSpace;
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
 * Before it writes, the page checks for free disk space ({@link DiskSpace}): a recluster that runs short stops with
 * its clustering unfinished (dropped by the next one) instead of filling the disk under a page-compressed table.
 */
public final class AssignmentWriter {
    /** Bytes of a row's keys and InnoDB's row header, beside the code. */
    private static final int ROW_KEYS = 40;
    /** The free space a page's rows ask for, as a multiple of their size: room for the index and page splits. */
    private static final int ROW_OVERHEAD_FACTOR = 2;

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
            long bytes = ROW_OVERHEAD_FACTOR * present.size() * (codes[0].length + ROW_KEYS);
            DiskSpace.require(tx, bytes, String.format(Locale.ROOT, "writing the clustering of %,d faces", present.size()));
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
