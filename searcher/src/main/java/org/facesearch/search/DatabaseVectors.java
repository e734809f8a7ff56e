package org.facesearch.search;

import org.facesearch.index.RerankVectors;
import org.facesearch.store.faces.FaceVectors;
import org.jooq.DSLContext;

/**
 * The server's re-rank reads its candidates' float32 vectors from {@code face} by primary key, in one batched
 * query ({@link FaceVectors}), as {@code facesearch search} does; the heap holds only codes.
 *
 * <p>Why the database and not a local memory-mapped copy of the vectors (measured at 1M faces, BENCHMARKS.md,
 * "Server at 1M: codes in the heap"): a file cache would be a second float32 copy of every face, 4 KB each — 41
 * GB at 10M beside a ~50 GB database, more than this machine's free disk — and its pages count toward the
 * server's resident memory as they are touched, while re-ranking 200 candidates from MySQL costs a few
 * milliseconds with a warm buffer pool and reads no more from disk than the file would when cold (one random
 * page a candidate either way). A face forgotten after the snapshot was loaded has no row any more, so it can
 * never come back in a result, even before the index drops its code.
 */
public final class DatabaseVectors implements RerankVectors {
    private final DSLContext db;

    public DatabaseVectors(DSLContext db) {
        this.db = db;
    }

    @Override
    public boolean[] read(long[] ids, int dimension, float[] target) {
        return FaceVectors.read(db, ids, dimension, target);
    }
}
