package org.facesearch.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.facesearch.index.RerankVectors;
import org.facesearch.store.faces.FaceVectors;
import org.jooq.DSLContext;

/**
 * The re-rank of the server and of {@code facesearch search} reads its candidates' float32 vectors from
 * {@code face} by primary key ({@link FaceVectors}); the heap and the search cache hold only codes.
 *
 * <p>A read is split over up to {@value #READERS} connections at once. Once the rows outgrow the buffer pool
 * (39 GB of them at 10M faces against 2 GB), each row is a random disk read, and InnoDB serves one statement's
 * rows one after another from one thread: a batch of 16 candidates cost ~16 disk latencies. The disk here serves
 * random reads in parallel (16 KB reads: 4,600 a second one at a time, 17,000 four at a time; {@code fio},
 * BENCHMARKS.md, "Re-rank reads in parallel"), so four statements on four connections take about the time of one.
 * The {@code db} given must therefore be a pool's, not a single connection's (a transaction's): each part takes
 * its own connection and returns it before the read returns, so a pool smaller than {@value #READERS} (even one
 * connection) only makes the parts wait for each other.
 *
 * <p>Why the database and not a local memory-mapped copy of the vectors (measured at 1M faces, BENCHMARKS.md,
 * "Server at 1M: codes in the heap"): at 1M a mapped file is faster (100 vectors: 0.05 against 1.3 ms warm, 4.7
 * against 11.6 ms cold, at load 6: its 4 GB fit the page cache), but at 10M it could not keep its advantage or even
 * exist here: a second float32 copy of every face is 41 GB beside a 40 GB database, it does not fit in 24 GB of RAM
 * (so most reads would go to disk anyway), and its touched pages count in the server's resident memory. Read from
 * the database, a face forgotten after the index was loaded has no vector anywhere, so it can never come back in a
 * result, even before the index drops its code.
 */
public final class DatabaseVectors implements RerankVectors {
    /** Statements (and connections) a read is split over at most. */
    static final int READERS = 4;
    /** Fewest ids a part gets: smaller reads are not worth a second connection. */
    private static final int MIN_PART = 2;
    /** Runs the parts after the first (the caller's thread reads that one); idle threads end after a minute. */
    private static final ExecutorService PARTS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("rerank-read-", 0).factory());

    private final DSLContext db;

    /** @param db a connection pool's context (see the class comment) */
    public DatabaseVectors(DSLContext db) {
        this.db = db;
    }

    @Override
    public boolean[] read(long[] ids, int dimension, float[] target) {
        int parts = Math.max(1, Math.min(READERS, ids.length / MIN_PART));
        if (parts == 1) {
            return FaceVectors.read(db, ids, dimension, target);
        }
        boolean[] found = new boolean[ids.length];
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = ids.length * p / parts;
            int to = ids.length * (p + 1) / parts;
            others.add(PARTS.submit(() -> readPart(ids, from, to, dimension, target, found)));
        }
        readPart(ids, 0, ids.length / parts, dimension, target, found);
        for (Future<?> part : others) {
            await(part);
        }
        return found;
    }

    /** Reads {@code ids[from..to)} on a connection of its own into the same places of {@code target} and {@code found}. */
    private void readPart(long[] ids, int from, int to, int dimension, float[] target, boolean[] found) {
        float[] vectors = new float[(to - from) * dimension];
        boolean[] partFound = FaceVectors.read(db, Arrays.copyOfRange(ids, from, to), dimension, vectors);
        System.arraycopy(vectors, 0, target, from * dimension, vectors.length);
        System.arraycopy(partFound, 0, found, from, partFound.length);
    }

    private static void await(Future<?> part) {
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            part.cancel(true);
            throw new IllegalStateException("interrupted while reading vectors", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
