package org.facesearch.store.faces;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;

/**
 * The float32 vectors of given faces, read from {@code face} by primary key in one batched query per
 * {@value #BATCH} ids: what a search reads for the exact re-rank of its best candidates, a few hundred vectors
 * instead of every face of the probed clusters.
 *
 * <p>The statement is plain JDBC, not jOOQ: {@code facesearch search} runs it in a JVM a few seconds old, where
 * rendering the query and mapping its records through jOOQ still run as interpreted code. At 10M faces with a warm
 * buffer pool the CLI's re-rank of 100 vectors (3 batches over up to 4 connections) took p50 25.8 / p95 32.9 ms
 * through jOOQ and 16.9 / 22.6 ms like this (BENCHMARKS.md, "The CLI's re-rank in plain JDBC").
 */
public final class FaceVectors {
    private static final int BATCH = 1_000;

    private FaceVectors() {
    }

    /**
     * Writes the vector of face {@code ids[i]} to {@code target[i * dimension ..]} for every {@code i} that has a row
     * and returns which had one (a face forgotten since its id was read has none).
     *
     * @throws IllegalStateException if a face has another dimension
     */
    public static boolean[] read(DSLContext db, long[] ids, int dimension, float[] target) {
        Map<Long, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            indexOf.put(ids[i], i);
        }
        boolean[] found = new boolean[ids.length];
        if (ids.length == 0) {
            return found;
        }
        db.connection(connection -> {   // one connection for every batch
            for (int first = 0; first < ids.length; first += BATCH) {
                int count = Math.min(ids.length - first, BATCH);
                try (PreparedStatement select = connection.prepareStatement(
                        "select id, vector from face where id in (" + "?,".repeat(count - 1) + "?)")) {
                    for (int i = 0; i < count; i++) {
                        select.setLong(i + 1, ids[first + i]);
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long id = rows.getLong(1);
                            byte[] vector = rows.getBytes(2);
                            if (VectorCodec.dimensionOf(vector) != dimension) {
                                throw new IllegalStateException("face " + id + " has " + VectorCodec.dimensionOf(vector)
                                        + " dimensions, expected " + dimension);
                            }
                            int i = indexOf.get(id);
                            VectorCodec.decode(vector, target, i * dimension);
                            found[i] = true;
                        }
                    }
                }
            }
        });
        return found;
    }
}
