package org.facesearch.bench.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load generator for {@code POST /api/search}: {@code clients} threads each send the same photo as
 * fast as answers come back, for a warm-up that is not recorded and then for {@code seconds}; prints one table
 * row with the request rate and the latency percentiles of the successful requests. It refuses any host but
 * the loopback interface: it is for measuring one's own server, nothing else.
 *
 * <pre>java ... org.facesearch.bench.server.LoadGenerator http://127.0.0.1:8080 PHOTO [clients=8] [seconds=30] [warmup=5]</pre>
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("only a server on the loopback interface may be loaded: " + base);
        }
        byte[] photo = Files.readAllBytes(Path.of(args[1]));
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/search")).header("Content-Type", "image/jpeg")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();

        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        ClientLoop.Result result = ClientLoop.run(clients, measureFrom, end,
                () -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200);
        long[] all = result.sortedNanos();
        System.out.println("| clients | seconds | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n", clients, seconds, all.length,
                all.length / (double) seconds, result.ms(0.50), result.ms(0.95), result.ms(0.99), result.ms(1.0), result.errors());
    }
}
