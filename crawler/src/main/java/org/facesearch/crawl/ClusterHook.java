package org.facesearch.crawl;

import org.jooq.DSLContext;

/**
 * How the storage path keeps clusters current: every new face is assigned inside the transaction that stores it,
 * and after each committed batch the recluster policy may decide that a cluster has grown past its cap.
 */
public interface ClusterHook {
    /** Assigns the new face {@code faceId} to its cluster, within the caller's transaction {@code tx}. */
    void assign(DSLContext tx, String model, long faceId, float[] vector);

    /** Called after each committed batch that stored at least one face. */
    void afterBatch(String model);
}
