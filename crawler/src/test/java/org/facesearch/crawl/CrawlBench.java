package org.facesearch.crawl;

import java.util.List;
import java.util.Map;
import org.facesearch.crawl.vk.FakeVkServer;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.RateCheck;
import org.facesearch.crawl.vk.TokenPool;
import org.facesearch.crawl.vk.VkTestClients;

/**
 * End-to-end crawl figures against {@link FakeVkServer} (which answers at once, so this measures our side: VK
 * client, downloads, face pipeline, database) and the request rate each token actually sent. Prints one table:
 * <ol>
 *   <li>faces: {@code profiles} users, each with a distinct photo of one real face, crawled with 2 tokens at the
 *       configured 3 requests/s, batches of 200 (the crawl command's default): profiles/s and faces/s over the whole run;</li>
 *   <li>VK-bound: 6,000 users without photos, batches of 100 (60 {@code users.get}), 2 tokens at 3 requests/s:
 *       here the rate limit is the bottleneck, so the requests/s per token show whether the limit holds.</li>
 * </ol>
 * Run: {@code ./mvnw -B -ntp -q -pl crawler -am test -Dtest=CrawlBenchTest -Dfacesearch.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; the table is in
 * {@code crawler/target/surefire-reports/org.facesearch.crawl.CrawlBenchTest-output.txt}.
 */
public final class CrawlBench {
    static final double LIMIT = TokenPool.DEFAULT_REQUESTS_PER_SECOND;
    static final List<String> TOKENS = List.of(VkTestClients.token("bench1"), VkTestClients.token("bench2"));

    private CrawlBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(300));
    }

    static String run(int profiles) throws Exception {
        StringBuilder table = new StringBuilder(String.format("%-58s %12s%n", "measurement", "value"));
        try (CrawlHarness h = new CrawlHarness()) {
            for (int id = 1; id <= profiles; id++) {
                h.vk.photo("p" + id + ".jpg", TestImages.face(id)).user(User.active(id, "p" + id + ".jpg"));
            }
            CrawlResult r = h.crawlAtRate(TOKENS, LIMIT, 200, c -> new UserRangeSource(c, 1, profiles, 200));
            row(table, "faces run: profiles (each with a face photo)", r.stored().profiles());
            row(table, "faces run: faces stored", r.stored().faces());
            row(table, "faces run: seconds", r.elapsed().toMillis() / 1000.0);
            row(table, "faces run: profiles/s end to end", r.profilesPerSecond());
            row(table, "faces run: faces/s end to end", r.facesPerSecond());
            rates(table, "faces run", h.vk);
        }
        try (CrawlHarness h = new CrawlHarness()) {
            int users = 6000;
            for (int id = 1; id <= users; id++) {
                h.vk.user(User.active(id, null));
            }
            CrawlResult r = h.crawlAtRate(TOKENS, LIMIT, 100, c -> new UserRangeSource(c, 1, users, 100));
            row(table, "VK-bound run: profiles (no photos), batches of 100", r.stored().profiles());
            row(table, "VK-bound run: profiles/s", r.profilesPerSecond());
            rates(table, "VK-bound run", h.vk);
        }
        return table.toString();
    }

    private static void rates(StringBuilder table, String run, FakeVkServer vk) {
        int n = 1;
        for (Map.Entry<String, List<FakeVkServer.Call>> e : vk.callsByToken().entrySet()) {
            RateCheck check = RateCheck.of(e.getValue().stream().map(FakeVkServer.Call::nanoTime).toList());
            row(table, run + ": token " + n + " requests", e.getValue().size());
            row(table, run + ": token " + n + " mean requests/s (limit " + LIMIT + ")", check.meanRate());
            row(table, run + ": token " + n + " most requests in any 1 s", check.maxInAnySecond(0));
            List<Long> t = check.sortedNanos();
            if (t.size() > 3) {
                // 4 requests inside 1 s exceed 3/s; the limiter books starts (1 + 5%) / 3 s apart, 1050 ms for 4
                long shortest = Long.MAX_VALUE;
                for (int i = 0; i + 3 < t.size(); i++) {
                    shortest = Math.min(shortest, t.get(i + 3) - t.get(i));
                }
                row(table, run + ": token " + n + " shortest span of 4 arrivals, ms", shortest / 1e6);
            }
            if (e.getValue().size() > 1) {
                // a token's first request arrives late (connection set-up), which can crowd the second second
                row(table, run + ": token " + n + " same, from its 2nd request",
                        RateCheck.of(check.sortedNanos().subList(1, check.sortedNanos().size())).maxInAnySecond(0));
            }
            n++;
        }
    }

    private static void row(StringBuilder table, String name, double value) {
        table.append(String.format("%-58s %12s%n", name, value == Math.rint(value) ? Long.toString((long) value) : String.format("%.2f", value)));
    }
}
