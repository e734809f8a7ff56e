package org.facesearch.search;

import org.facesearch.index.RerankVectors;
import org.facesearch.store.faces.FaceVectors;
import org.jooq.DSLContext;

/**
 * The server's re-rank reads its candidates' float32 vectors from {@code face} by primary key, in one batched
 * query ({@link FaceVectors}), as {@code facesearch search} does; the heap holds only codes.
 *
 * <p>Why the database and not a local memory-mapped copy of the vectors (measured at 1M faces, BENCHMARKS.md,
 * "Server at 1M: codes in the heap"): at 1M a mapped file is faster (100 vectors: 0.05 against 1.3 ms warm, 4.7
 * against 11.6 ms cold, at load 6: its 4 GB fit the page cache), but at 10M it could not keep its advantage or even
 * exist here: a second float32 copy of every face is
 * 41 GB beside a 50-63 GB database on a machine with 63 GB free, it does not fit in 24 GB of RAM (so most reads
 * would go to disk anyway), and its touched pages count in the server's resident memory. Read from the database,
 * a face forgotten after the index was loaded has no vector anywhere, so it can never come back in a result, even
 * before the index drops its code.
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
