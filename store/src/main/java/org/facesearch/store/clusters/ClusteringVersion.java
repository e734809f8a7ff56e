package org.facesearch.store.clusters;

import java.time.LocalDateTime;
import org.facesearch.store.schema.tables.records.ClusteringRecord;

/**
 * One row of {@code clustering}: a k-means model of one embedder's faces, in one of the states
 * {@value #BUILDING}, {@value #ACTIVE} or {@value #RETIRED}. At most one version per model is active; searches and
 * new faces use it, a recluster builds the next one beside it.
 *
 * <p>{@code createdAt} is part of a version's identity for caches: MariaDB can hand out an AUTO_INCREMENT id
 * again after a rolled-back insert and a restart, never with the same creation time.
 */
public record ClusteringVersion(long id, String model, int k, int cap, String status, LocalDateTime createdAt) {
    public static final String BUILDING = "building";
    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    static ClusteringVersion of(ClusteringRecord r) {
        return new ClusteringVersion(r.getId(), r.getModel(), r.getK(), r.getCap(), r.getStatus(), r.getCreatedAt());
    }
}
