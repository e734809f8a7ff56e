package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.facesearch.crawl.TestImages;
import org.facesearch.crawl.vk.FakeVkServer;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.VkTestClients;
import org.facesearch.store.Database;
import org.facesearch.testing.TestDatabase;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code facesearch crawl} and {@code facesearch import} as a user runs them: flags, exit codes, messages. */
class CrawlCommandTest {
    static final String GOOD = VkTestClients.token("good");
    static final String BAD = VkTestClients.token("bad");

    @TempDir
    Path dir;

    FakeVkServer vk;
    Database db;
    Path config;

    private record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        vk = FakeVkServer.start();
        for (int id = 1; id <= 3; id++) {
            vk.photo("f" + id + ".jpg", TestImages.face(id)).user(User.active(id, "f" + id + ".jpg"));
        }
        vk.user(User.active(4, null).withDeactivated("banned"));
        db = TestDatabase.fresh();
        vk.failToken(BAD, 5);
        config = Files.writeString(dir.resolve("facesearch.properties"), "vk.endpoint = " + vk.endpoint() + "\n");
    }

    @AfterEach
    void tearDown() {
        vk.close();
        db.close();
    }

    private Outcome run(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        // HOME holds only the face models here (the database is --db-url): the shared test model cache
        System.arraycopy(new String[] {"--home", TestPhotos.modelsDir().getParent().toString(), "--config", config.toString(), "--db-url", db.url()}, 0, all, args.length, 6);
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Outcome(Main.execute(cli, all), out.toString(), err.toString());
    }

    @Test
    void aCrawlPrintsItsSummaryAndARerunHasNothingToDo() {
        Outcome o = run("crawl", "--users", "1-5", "--token", BAD, "--token", GOOD, "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("crawl: profiles 4, photos 3, faces 3,"), o.out());
        assertTrue(o.out().contains("without photo (deactivated/closed/none) 1"), o.out());

        Outcome again = run("crawl", "--users", "1-5", "--token", GOOD, "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("nothing to do"), again.out());
    }

    @Test
    void crawledFacesAreFoundBySearchWithTheirProfileLink() {
        assertEquals(0, run("crawl", "--users", "1-5", "--token", GOOD, "--quiet").code());

        // user 2's photo is Grace Hopper's portrait (users 1 and 3 show Eileen Collins)
        Outcome o = run("search", TestPhotos.singlePortrait().toString(), "--top", "1");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("https://vk.com/id2"), o.out());
    }

    @Test
    void withoutATokenTheCrawlSaysHowToGiveOne() {
        Outcome o = run("crawl", "--users", "1-5");
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code());
        assertTrue(o.err().startsWith("facesearch: no VK token: pass --token"), o.err());
    }

    @Test
    void whenVkRejectsEveryTokenTheCrawlFailsWithoutPrintingThem() {
        Outcome o = run("crawl", "--users", "1-5", "--token", BAD, "--quiet");
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code());
        assertTrue(o.err().contains("VK token(s) were rejected"), o.err());
        assertFalse(o.err().contains(BAD) || o.out().contains(BAD), "the token is a secret");
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void aMissingTokenFileOrUsersFileIsOneLine() {
        Outcome tokens = run("crawl", "--users", "1-5", "--token-file", dir.resolve("nope").toString());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, tokens.code());
        assertTrue(tokens.err().startsWith("facesearch: VK token file ") && !tokens.err().contains("\tat "), tokens.err());
        Outcome users = run("crawl", "--users-file", dir.resolve("none.txt").toString(), "--token", GOOD);
        assertEquals(FaceSearchCommand.EXIT_FAILURE, users.code());
        assertTrue(users.err().startsWith("facesearch: cannot read the users file ") && !users.err().contains("\tat "), users.err());
    }

    @Test
    void sourcesAreExclusiveAndRangesChecked() {
        assertEquals(FaceSearchCommand.EXIT_USAGE, run("crawl", "--users", "1-5", "--group", "club1", "--token", GOOD).code());
        Outcome o = run("crawl", "--users", "9-2", "--token", GOOD);
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code());
        assertTrue(o.err().contains("is not a range of user ids"), o.err());
    }

    @Test
    void importStoresOneProfilePerFolder() throws Exception {
        Path gallery = dir.resolve("gallery");
        Files.createDirectories(gallery.resolve("Ada"));
        Files.createDirectories(gallery.resolve("Bob"));
        Files.write(gallery.resolve("Ada/1.jpg"), TestImages.face(11));
        Files.write(gallery.resolve("Bob/1.jpg"), TestImages.face(12));

        Outcome o = run("import", gallery.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("import: 2 people, photos 2, faces 2,"), o.out());

        Outcome again = run("import", gallery.toString(), "--quiet");
        assertTrue(again.out().contains("photos 0, faces 0, no face 0, failed 0, duplicates skipped 2"), again.out());
    }

    /**
     * Issue 16, item 6: while another crawl or import holds the writer lock, a second one is refused at once with a
     * message saying why (exit 1) and stores nothing; once the lock is free it runs.
     */
    @Test
    void aSecondWriterIsRefusedWhileOneRuns() throws Exception {
        Path gallery = dir.resolve("gallery");
        Files.createDirectories(gallery.resolve("Ada"));
        Files.write(gallery.resolve("Ada/1.jpg"), TestImages.face(13));
        try (java.sql.Connection other = db.dataSource().getConnection();
             java.sql.ResultSet lock = other.createStatement().executeQuery("select get_lock('facesearch-writer', 0)")) {
            lock.next();
            assertEquals(1, lock.getInt(1));
            for (String[] command : new String[][] {{"import", gallery.toString(), "--quiet"}, {"crawl", "--users", "1-5", "--token", GOOD, "--quiet"}}) {
                Outcome refused = run(command);
                assertEquals(FaceSearchCommand.EXIT_FAILURE, refused.code(), refused.out());
                assertTrue(refused.err().contains("another crawl or import is writing to this database"), refused.err());
            }
            assertEquals(0, db.dsl().fetchCount(org.facesearch.store.schema.Tables.PHOTO), "nothing stored");
            other.createStatement().execute("select release_lock('facesearch-writer')");
        }
        assertEquals(0, run("import", gallery.toString(), "--quiet").code());
    }
}
