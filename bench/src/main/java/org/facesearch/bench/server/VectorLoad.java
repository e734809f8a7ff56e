package org.facesearch.bench.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facesearch.bench.index.BruteForce;
import org.facesearch.bench.search.GroundTruth;
import org.facesearch.bench.search.Identities;
import org.facesearch.bench.search.Quality;

/**
 * {@code POST /api/search/vector} of a running server, measured against exact search: the queries of a float32
 * file (e.g. {@code bench search}'s {@code queries.f32}) are answered exactly either by brute force over the base file
 * the database was filled from ({@code import --vectors}: row {@code r} is face {@code firstId + r}), or, when the
 * corpus was piped into the database and exists nowhere else, by the ground-truth file {@code bench vectors
 * --truth-out} wrote (the exact top 10 and everyone's identity; then identity recall and identity hit are printed
 * too, the server's beside exact search's). Then each query is sent once by one client (latency p50/p99 and
 * recall@10 against the exact answer, and the index search's own p50/p99 from the answers' {@code Server-Timing}
 * header), then by {@code clients} clients in a loop for {@code seconds} (requests/s and latency). Only a server on
 * the loopback interface is accepted.
 *
 * <pre>java ... org.facesearch.bench.server.VectorLoad http://127.0.0.1:8080 QUERIES.f32 BASE.f32|TRUTH DIMENSION FIRST_ID
 *     [clients=2] [seconds=30] [nprobe=server default]</pre>
 */
public final class VectorLoad {
    private static final Pattern FACE_ID = Pattern.compile("\"faceId\"\\s*:\\s*(\\d+)");
    /** The index's own time in the answer's Server-Timing header (the server's ServerTiming), in milliseconds. */
    private static final Pattern INDEX_TIME = Pattern.compile("(?:^|,\\s*)index;dur=([0-9.]+)");
    private static final int K = 10;

    private VectorLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("only a server on the loopback interface may be loaded: " + base);
        }
        int dimension = Integer.parseInt(args[3]);
        long firstId = Long.parseLong(args[4]);
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        String nprobe = args.length > 7 ? ", \"nprobe\": " + Integer.parseInt(args[7]) : "";
        float[] queries = readRows(Path.of(args[1]), dimension, 0, Integer.MAX_VALUE);
        int queryCount = queries.length / dimension;
        Path answers = Path.of(args[2]);
        GroundTruth truth = GroundTruth.isGroundTruth(answers) ? GroundTruth.read(answers) : null;
        long[][] exact;
        if (truth != null) {
            if (truth.ids().length != queryCount) {
                throw new IllegalArgumentException(answers + " holds the answers of " + truth.ids().length + " queries, "
                        + args[1] + " has " + queryCount);
            }
            exact = truth.ids();
        } else {
            long start = System.nanoTime();
            exact = exact(answers, queries, queryCount, dimension);
            System.out.printf("exact top %d of %d queries by brute force in %.1f s%n", K, queryCount, (System.nanoTime() - start) / 1e9);
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = base.resolve("/api/search/vector");
        List<HttpRequest> requests = new ArrayList<>();
        for (int q = 0; q < queryCount; q++) {
            StringBuilder body = new StringBuilder("{\"top\": " + K + nprobe + ", \"vector\": [");
            for (int i = 0; i < dimension; i++) {
                body.append(i == 0 ? "" : ",").append(queries[q * dimension + i]);
            }
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build());
        }
        for (int q = 0; q < Math.min(20, queryCount); q++) {
            http.send(requests.get(q), HttpResponse.BodyHandlers.ofString());   // warm-up, not recorded
        }
        long[] single = new long[queryCount];
        long[] index = new long[queryCount];
        long[][] found = new long[queryCount][];
        for (int q = 0; q < queryCount; q++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(requests.get(q), HttpResponse.BodyHandlers.ofString());
            single[q] = System.nanoTime() - t0;
            if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            Matcher timing = INDEX_TIME.matcher(response.headers().firstValue("Server-Timing").orElse(""));
            index[q] = timing.find() ? Math.round(Double.parseDouble(timing.group(1)) * 1e6) : -1;
            found[q] = new long[K];
            Arrays.fill(found[q], -1);
            Matcher m = FACE_ID.matcher(response.body());
            for (int rank = 0; rank < K && m.find(); rank++) {
                found[q][rank] = Long.parseLong(m.group(1)) - firstId;   // the row the face was imported from
            }
        }
        Quality quality = truth != null ? truth.quality(found)
                : Quality.of(found, exact, new int[queryCount], Identities.UNKNOWN);
        Arrays.sort(single);
        System.out.printf("1 client, %d queries once each: recall@10 %.3f, p50 %.2f ms, p99 %.2f ms, %.0f requests/s%n",
                queryCount, quality.recall(), ClientLoop.ms(single, 0.50), ClientLoop.ms(single, 0.99),
                queryCount / (Arrays.stream(single).sum() / 1e9));
        if (Arrays.stream(index).allMatch(n -> n >= 0)) {
            Arrays.sort(index);
            System.out.printf("  of which the index search (the server's Server-Timing: probe, code scan, exact re-rank): "
                    + "p50 %.2f ms, p99 %.2f ms%n", ClientLoop.ms(index, 0.50), ClientLoop.ms(index, 0.99));
        }
        if (truth != null) {
            Quality best = truth.quality(truth.ids());
            System.out.printf("identity recall %.3f (exact search %.3f); identity hit, queries with a face of their person "
                    + "in the top %d: %.3f (exact search %.3f)%n", quality.identityRecall(), best.identityRecall(), K,
                    quality.identityHit(), best.identityHit());
        }

        AtomicInteger next = new AtomicInteger();
        long from = System.nanoTime();
        ClientLoop.Result result = ClientLoop.run(clients, from, from + seconds * 1_000_000_000L, () -> http.send(
                requests.get(next.getAndIncrement() % queryCount), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        long[] all = result.sortedNanos();
        System.out.printf("%d clients, %d s: %d requests, %.1f requests/s, p50 %.2f ms, p99 %.2f ms%n", clients, seconds,
                all.length, all.length / (double) seconds, result.ms(0.50), result.ms(0.99));
        if (result.errors() > 0) System.out.println(result.errors() + " requests failed");
    }

    /** The exact top 10 of each query, as row numbers of the base file. */
    private static long[][] exact(Path baseFile, float[] queries, int queryCount, int dimension) throws IOException {
        BruteForce bruteForce = new BruteForce(queries, queryCount, dimension, K);
        int chunk = 65_536;
        for (long row = 0; ; row += chunk) {
            float[] rows = readRows(baseFile, dimension, row, chunk);
            if (rows.length == 0) break;
            bruteForce.accumulate(rows, rows.length / dimension, row);
        }
        return bruteForce.ids();
    }

    /** Up to {@code limit} float32 little-endian rows of {@code dimension} from row {@code first} of the file. */
    private static float[] readRows(Path file, int dimension, long first, int limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long rowBytes = (long) dimension * Float.BYTES;
            long rows = Math.max(0, Math.min(limit, channel.size() / rowBytes - first));
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(rows * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, first * rowBytes + buffer.position()) < 0) throw new IOException(file + " ended early");
            }
            float[] values = new float[Math.toIntExact(rows * dimension)];
            buffer.flip().asFloatBuffer().get(values);
            return values;
        }
    }
}
