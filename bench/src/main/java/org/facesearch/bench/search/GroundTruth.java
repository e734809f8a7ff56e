package org.facesearch.bench.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What measuring a search needs when the corpus exists only in the database it was piped into (10M x 1024-d is
 * 41 GB, too much for a second copy on disk): the exact top {@code k} of every query (ids = row numbers), the
 * identity of every query and of every stored row. Written by {@code bench vectors --truth-out}, read by the
 * measuring clients ({@code VectorLoad}, {@code bench search-mysql --truth}).
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the magic {@value #MAGIC}, int k, int queries, long rows; per
 * query its identity (int) and its k ids (long, nearest first); per row its identity (int).
 */
public record GroundTruth(int k, int[] queryIdentities, long[][] ids, int[] rowIdentities) {
    private static final String MAGIC = "FSTRUTH1";

    public Identities identities() {
        return Identities.ofRows(rowIdentities);
    }

    /** {@code results} (row numbers per query) scored against this truth. */
    public Quality quality(long[][] results) {
        return Quality.of(results, ids, queryIdentities, identities());
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(k);
            out.writeInt(queryIdentities.length);
            out.writeLong(rowIdentities.length);
            for (int q = 0; q < queryIdentities.length; q++) {
                out.writeInt(queryIdentities[q]);
                for (long id : ids[q]) {
                    out.writeLong(id);
                }
            }
            for (int identity : rowIdentities) {
                out.writeInt(identity);
            }
        }
    }

    /** Whether {@code file} starts like a ground-truth file (rather than, say, float32 rows). */
    public static boolean isGroundTruth(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length()), MAGIC.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static GroundTruth read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length()), MAGIC.getBytes(StandardCharsets.US_ASCII))) {
                throw new IOException(file + " is not a ground-truth file of 'facesearch bench vectors --truth-out'");
            }
            int k = in.readInt();
            int queries = in.readInt();
            int rows = Math.toIntExact(in.readLong());
            int[] queryIdentities = new int[queries];
            long[][] ids = new long[queries][k];
            for (int q = 0; q < queries; q++) {
                queryIdentities[q] = in.readInt();
                for (int i = 0; i < k; i++) {
                    ids[q][i] = in.readLong();
                }
            }
            int[] rowIdentities = new int[rows];
            for (int r = 0; r < rows; r++) {
                rowIdentities[r] = in.readInt();
            }
            return new GroundTruth(k, queryIdentities, ids, rowIdentities);
        }
    }
}
