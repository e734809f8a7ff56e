package org.facesearch.cli;

import static org.facesearch.store.schema.Tables.CRAWL_STATE;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.facesearch.crawl.TestImages;
import org.facesearch.crawl.vk.FakeVkServer;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.VkTestClients;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.testing.TestDatabase;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kill -9} of a running {@code facesearch crawl}, then the same command again: every face is stored exactly
 * once. The first crawl runs in a child JVM ({@link Main}, as {@code bin/facesearch} runs it) against this JVM's
 * fake VK and database, and gets SIGKILL as soon as its first batches are committed, while later batches are
 * downloading, analysing or being written; the rerun happens in this JVM.
 */
class CrawlKillTest {
    static final int USERS = 40;
    static final String TOKEN = VkTestClients.token("kill");

    @TempDir
    Path dir;

    @Test
    void aCrawlKilledMidWayAndRunAgainStoresEachFaceExactlyOnce() throws Exception {
        ConnectionSettings settings = TestDatabase.settingsFor("kill" + ProcessHandle.current().pid());
        try (FakeVkServer vk = FakeVkServer.start(); Database db = Database.connect(settings, null)) {
            for (int id = 1; id <= USERS; id++) {
                vk.photo("f" + id + ".jpg", TestImages.face(id)).user(User.active(id, "f" + id + ".jpg"))
                        .delayPhoto("f" + id + ".jpg", Duration.ofMillis(40));
            }
            Path config = Files.writeString(dir.resolve("facesearch.properties"),
                    "vk.endpoint = " + vk.endpoint() + "\nvk.rate-limit = 50\n");
            Path tokens = Files.writeString(dir.resolve("tokens"), TOKEN + "\n");
            List<String> args = List.of("crawl", "--users", "1-" + USERS, "--batch", "4", "--token-file", tokens.toString(),
                    "--quiet", "--home", TestPhotos.modelsDir().getParent().toString(), "--config", config.toString(),
                    "--db-url", db.url());

            Process child = ChildProcess.start(Main.class, args, settings, log());
            try {
                waitUntil(() -> db.dsl().fetchCount(FACE) >= 8 || !child.isAlive(), child);
                assertTrue(child.isAlive(), "the crawl ended before it could be killed: see " + log());
                child.destroyForcibly();  // SIGKILL: no shutdown hook, no clean rollback
                child.waitFor();
            } finally {
                child.destroyForcibly();
            }
            int facesAtKill = db.dsl().fetchCount(FACE);
            String cursor = db.dsl().select(CRAWL_STATE.CURSOR_VALUE).from(CRAWL_STATE).fetchOne(CRAWL_STATE.CURSOR_VALUE);
            assertTrue(facesAtKill < USERS, "killed mid-way: " + facesAtKill + " faces");
            assertEquals(facesAtKill + 1, Integer.parseInt(cursor), "the cursor is exactly behind the stored faces");

            CommandLine cli = Main.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            assertEquals(0, Main.execute(cli, args.toArray(String[]::new)));

            assertTrue(out.toString().startsWith("crawl: profiles " + (USERS - facesAtKill) + ", photos " + (USERS - facesAtKill)),
                    "the rerun starts where the killed crawl stopped: " + out);
            assertEquals(USERS, db.dsl().fetchCount(FACE));
            assertEquals(USERS, db.dsl().fetchCount(FACE_CLUSTER));
            List<String> hashes = db.dsl().select(PHOTO.CONTENT_SHA256).from(PHOTO).fetch(r -> HexFormat.of().formatHex(r.value1()));
            assertEquals(USERS, hashes.size());
            assertEquals(USERS, new HashSet<>(hashes).size());
        }
    }

    private Path log() {
        return dir.resolve("child.log");
    }

    /** Polls until {@code condition} holds; fails only if the child makes no progress for minutes. */
    private void waitUntil(java.util.function.BooleanSupplier condition, Process child) throws InterruptedException {
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
