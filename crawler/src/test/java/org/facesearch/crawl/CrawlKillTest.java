package org.facesearch.crawl;

import static org.facesearch.db.schema.Tables.FACE;
import static org.facesearch.db.schema.Tables.PHOTO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.VkTestClients;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of a crawl, then the same crawl again: every face is stored exactly once. The crawl runs in
 * a child JVM ({@link CrawlProcess}) against this JVM's fake VK and database; it is killed with SIGKILL as soon as
 * its first batches are committed, while later batches are downloading, analysing or being written.
 */
class CrawlKillTest {
    static final int USERS = 40;
    static final String TOKEN = VkTestClients.token("kill");

    @Test
    void aCrawlKilledMidWayAndRestartedStoresEachFaceExactlyOnce() throws Exception {
        try (CrawlHarness h = new CrawlHarness()) {
            for (int id = 1; id <= USERS; id++) {
                h.vk.photo("face" + id + ".jpg", TestImages.face(id)).user(User.active(id, "face" + id + ".jpg"))
                        .delayPhoto("face" + id + ".jpg", Duration.ofMillis(40));
            }
            String url = h.db.url();
            Process child = startCrawl(h, url);
            try {
                waitUntil(() -> h.count(FACE) >= 8 || !child.isAlive(), child);
                assertTrue(child.isAlive(), "the crawl ended before it could be killed: see " + log());
                child.destroyForcibly();  // SIGKILL: no shutdown hooks, no rollback by the client
                child.waitFor();
            } finally {
                child.destroyForcibly();
            }
            int facesAtKill = h.count(FACE);
            CrawlState.Cursor atKill = h.cursor("users:1-" + USERS);
            assertTrue(facesAtKill < USERS, "killed mid-way: " + facesAtKill + " faces");
            assertEquals(facesAtKill, Long.parseLong(atKill.value()) - 1, "the cursor is exactly behind the stored faces");

            CrawlResult resumed = h.crawlRange(List.of(TOKEN), h.clusters(), 1, USERS, 4);

            assertEquals(USERS - facesAtKill, resumed.stored().faces());
            assertEquals(USERS, h.count(FACE));
            assertEquals(USERS, h.count(PHOTO));
            List<String> hashes = h.dsl().select(PHOTO.CONTENT_SHA256).from(PHOTO).fetch(r -> HexFormat.of().formatHex(r.value1()));
            assertEquals(USERS, new HashSet<>(hashes).size());
            Map<Long, Integer> clusterRows = h.clusterRowsPerFace();
            assertTrue(clusterRows.values().stream().allMatch(n -> n == 1), clusterRows.toString());
            assertEquals(new CrawlState.Cursor(Integer.toString(USERS + 1), true), h.cursor("users:1-" + USERS));
        }
    }

    private static Path log() {
        return Path.of("target", "crawl-kill-child.log").toAbsolutePath();
    }

    private static Process startCrawl(CrawlHarness h, String url) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrawlProcess.class.getName(), h.vk.endpoint().toString(), url, "1", Integer.toString(USERS), "4"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        // the credentials TestDatabase uses: the embedded server's root, or the external test server's user
        pb.environment().put("CRAWL_DB_USER", System.getenv().getOrDefault("FACESEARCH_TEST_DB_USER", "root"));
        pb.environment().put("CRAWL_DB_PASSWORD", System.getenv().getOrDefault("FACESEARCH_TEST_DB_PASSWORD", ""));
        pb.environment().put("CRAWL_TOKEN", TOKEN);
        Files.deleteIfExists(log());
        return pb.start();
    }

    /** Polls until {@code condition} holds; gives up (and fails) only if the child is stuck for minutes. */
    private static void waitUntil(java.util.function.BooleanSupplier condition, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("the child crawl made no progress; see " + log());
            }
            Thread.sleep(20);
        }
    }
}
