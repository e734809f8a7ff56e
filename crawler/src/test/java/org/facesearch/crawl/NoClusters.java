package org.facesearch.crawl;

import org.jooq.DSLContext;

/** TEMPORARY: a cluster hook that assigns nothing, until the clusterer's assignment API lands. */
enum NoClusters implements ClusterHook {
    INSTANCE;

    @Override
    public void assign(DSLContext tx, String model, long faceId, float[] vector) {
    }

    @Override
    public void afterBatch(String model) {
    }
}
