package org.facesearch.cluster;

import static org.facesearch.db.schema.Tables.FACE_CLUSTER;

import java.util.Arrays;
import java.util.Comparator;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

/**
 * Writes a page of assignments into {@code face_cluster} for one clustering version: one JDBC batch (the driver's
 * {@code rewriteBatchedStatements} turns it into multi-row INSERTs split at {@code max_allowed_packet}), rows
 * sorted by (cluster, face) so InnoDB appends within each cluster's key range instead of jumping between them.
 */
final class AssignmentWriter {
    private AssignmentWriter() {
    }

    /** Inserts face {@code page.ids()[i]} into cluster {@code clusters[i]} and counts it in {@code sizes}. */
    static void write(DSLContext db, long clusteringId, FacePage page, int[] clusters, int[] sizes) {
        Integer[] order = new Integer[page.count()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> clusters[i]).thenComparingLong(i -> page.ids()[i]));
        BatchBindStep batch = db.batch(db.insertInto(FACE_CLUSTER,
                FACE_CLUSTER.CLUSTERING_ID, FACE_CLUSTER.CLUSTER_ID, FACE_CLUSTER.FACE_ID, FACE_CLUSTER.VECTOR)
                .values((Long) null, null, null, null));
        for (int i : order) {
            batch.bind(clusteringId, clusters[i], page.ids()[i], page.blobs()[i]);
            sizes[clusters[i]]++;
        }
        batch.execute();
    }
}
