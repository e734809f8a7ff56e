package org.facesearch.crawl.vk;

import static org.facesearch.crawl.vk.VkTestClients.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Measures the VK layer against {@link FakeVkServer} (which answers at once, so this measures our side) and prints
 * one table:
 * <ol>
 *   <li>requests/s actually sent per token, from the fake's recorded arrival times, vs the configured limit, with
 *       3 tokens at 3 requests/s and 6 threads competing for them; the most requests that arrived within any one
 *       second, also without each token's first request (which arrives late: connection set-up, class loading);</li>
 *   <li>raw profiles/s through {@code users.get} with the limit out of the way (1 token at 10,000 requests/s),
 *       plain (1000 ids per request) and batched ({@code execute} of 25 x 1000).</li>
 * </ol>
 * Run: {@code ./mvnw -B -ntp -q -pl crawler -am test -Dtest=VkBenchTest -Dfacesearch.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; the table is in {@code crawler/target/surefire-reports/*VkBenchTest-output.txt}.
 */
public final class VkBench {
    private VkBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Duration.ofSeconds(12), 200_000));
    }

    static String run(Duration rateRun, int profiles) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-44s %14s %14s%n", "measurement", "value", "limit"));
        rate(table, rateRun);
        throughput(table, profiles, 1, "users.get, 1000 ids/request");
        throughput(table, profiles, 25, "execute, 25 x users.get 1000 ids/request");
        return table.toString();
    }

    private static void rate(StringBuilder table, Duration length) throws Exception {
        double limit = TokenPool.DEFAULT_REQUESTS_PER_SECOND;
        List<String> tokens = List.of(token("r1"), token("r2"), token("r3"));
        try (FakeVkServer fake = FakeVkServer.start().addUsers(1, 10);
             VkClient vk = new VkClient(fake.endpoint(), TokenPool.of(tokens, limit), VkTestClients.options(1000, 1));
             ExecutorService threads = Executors.newFixedThreadPool(6)) {
            long end = System.nanoTime() + length.toNanos();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                work.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        vk.users(List.of("1", "2", "3"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            Map<String, List<FakeVkServer.Call>> byToken = fake.callsByToken();
            for (int i = 0; i < tokens.size(); i++) {
                RateCheck check = RateCheck.of(byToken.get(tokens.get(i)).stream().map(FakeVkServer.Call::nanoTime).toList());
                table.append(String.format("%-44s %14.3f %14.1f%n", "token #" + (i + 1) + " mean requests/s", check.meanRate(), limit));
                table.append(String.format("%-44s %14d %14.1f%n", "token #" + (i + 1) + " max requests in any 1 s", check.maxInAnySecond(0), limit));
                table.append(String.format("%-44s %14d %14.1f%n", "token #" + (i + 1) + " same, from its 2nd request",
                        RateCheck.of(check.sortedNanos().subList(1, check.sortedNanos().size())).maxInAnySecond(0), limit));
            }
        }
    }

    private static void throughput(StringBuilder table, int profiles, int callsPerExecute, String label) throws Exception {
        List<String> ids = LongStream.rangeClosed(1, profiles).mapToObj(Long::toString).toList();
        try (FakeVkServer fake = FakeVkServer.start().addUsers(1, profiles);
             VkClient vk = new VkClient(fake.endpoint(), TokenPool.of(List.of(token("bench")), 10_000),
                     new VkClientOptions(1000, callsPerExecute, RetryPolicy.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(60)))) {
            vk.users(ids.subList(0, Math.min(ids.size(), 25_000))); // warm-up: JIT, connections
            int rounds = 3;
            long best = Long.MAX_VALUE;
            for (int r : IntStream.range(0, rounds).toArray()) {
                long start = System.nanoTime();
                int got = vk.users(ids).size();
                long took = System.nanoTime() - start;
                if (got != profiles) {
                    throw new IllegalStateException("round " + r + ": expected " + profiles + " profiles, got " + got);
                }
                best = Math.min(best, took);
            }
            table.append(String.format("%-44s %14.0f %14s%n", label + " profiles/s (best of " + rounds + ")",
                    profiles / (best / 1e9), "-"));
        }
    }
}
