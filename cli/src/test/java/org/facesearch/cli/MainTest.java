package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command tree, its help and its exit codes, run in-process as bin/facesearch runs them. */
class MainTest {
    @TempDir
    Path home;

    @Test
    void everyProductCommandIsThereWithHelpThatHasAnExample() {
        CliRunner.Outcome help = CliRunner.run("--help");
        assertEquals(0, help.code());
        for (String name : new String[] {"crawl", "recluster", "search", "serve", "import", "clusters", "demo", "db", "config"}) {
            assertTrue(help.out().contains("  " + name + " "), name + " missing from:\n" + help.out());
        }
        CliRunner.Outcome migrateHelp = CliRunner.run("db", "migrate", "--help");
        assertEquals(0, migrateHelp.code());
        assertTrue(migrateHelp.out().contains("Example"), migrateHelp.out());
    }

    @Test
    void versionPrintsAndExitsZero() {
        CliRunner.Outcome v = CliRunner.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("facesearch "), v.out());
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertEquals(FaceSearchCommand.EXIT_USAGE, CliRunner.run("frobnicate").code());
        assertEquals(FaceSearchCommand.EXIT_USAGE, CliRunner.run("db", "migrate", "--no-such-flag").code());
    }

    @Test
    void anUnknownFlagIsOneLineAndAHintNotTheWholeUsage() {
        CliRunner.Outcome o = CliRunner.run("search", "me.jpg", "--frobnicate");
        assertEquals(FaceSearchCommand.EXIT_USAGE, o.code());
        List<String> lines = o.err().lines().toList();
        assertEquals("facesearch search: Unknown option: '--frobnicate'", lines.get(0), o.err());
        assertEquals("Try 'facesearch search --help' for more information.", lines.get(lines.size() - 1), o.err());
        assertTrue(lines.size() <= 3, o.err());
        assertFalse(o.err().contains("Usage:"), o.err());
    }

    @Test
    void outOfRangeSearchValuesExitTwoNamingTheOptionAndTheValue() {
        for (String[] c : new String[][] {{"--top", "0", "--top must be between 1 and 100, got 0"},
                {"--top", "-5", "--top must be between 1 and 100, got -5"},
                {"--nprobe", "100000", "--nprobe must be between 0 (auto) and 65536, got 100000"}}) {
            CliRunner.Outcome o = CliRunner.run("search", "me.jpg", c[0], c[1], "--home", home.toString());
            assertEquals(FaceSearchCommand.EXIT_USAGE, o.code(), o.err());
            assertTrue(o.err().startsWith("facesearch search: " + c[2] + "\n"), o.err());
        }
    }

    @Test
    void aReclusterCapOrKBelowOneExitsTwoNamingIt() {
        CliRunner.Outcome cap = CliRunner.run("recluster", "--cap", "0", "--home", home.toString());
        assertEquals(FaceSearchCommand.EXIT_USAGE, cap.code(), cap.err());
        assertTrue(cap.err().startsWith("facesearch recluster: --cap must be at least 1, got 0"), cap.err());
        CliRunner.Outcome k = CliRunner.run("recluster", "--k", "-3", "--home", home.toString());
        assertEquals(FaceSearchCommand.EXIT_USAGE, k.code(), k.err());
        assertTrue(k.err().startsWith("facesearch recluster: --k must be at least 1, got -3"), k.err());
    }

    @Test
    void facesRefusesANonImageWithoutLoadingAnyModel() throws Exception {
        Path text = Files.writeString(home.resolve("notes.txt"), "not a photo\n");
        CliRunner.Outcome o = CliRunner.run("faces", text.toString(), "--home", home.toString());
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code());
        assertTrue(o.err().contains("notes.txt: not an image"), o.err());
        assertFalse(Files.exists(home.resolve("models")), "no model was fetched or opened");
    }

    @Test
    void anInvalidConfigValueIsAUsageErrorNamingTheKeyWithoutAStackTrace() throws Exception {
        Path file = Files.writeString(home.resolve("bad.properties"), "cluster.cap = -5\n");
        CliRunner.Outcome o = CliRunner.run("config", "--config", file.toString());
        assertEquals(FaceSearchCommand.EXIT_USAGE, o.code());
        assertTrue(o.err().contains("invalid value '-5' for key 'cluster.cap'"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace without --verbose:\n" + o.err());
    }

    @Test
    void configShowsFlagsOverTheDefaults() {
        CliRunner.Outcome o = CliRunner.run("config", "--home", home.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("home = " + home + "   (flag)"), o.out());
        assertTrue(o.out().contains("cluster.cap = 47000   (default)"), o.out());
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitOne() {
        CliRunner.Outcome o = CliRunner.run("db", "migrate", "--home", home.toString(), "--db-url", "jdbc:mysql://127.0.0.1:1/vk_db?connectTimeout=2000");
        assertEquals(FaceSearchCommand.EXIT_FAILURE, o.code());
        assertTrue(o.err().startsWith("facesearch: cannot reach the database at jdbc:mysql://127.0.0.1:1/vk_db"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void dbDumpWritesTheCommittedSchema() throws Exception {
        Path out = home.resolve("dump.sql");
        CliRunner.Outcome o = CliRunner.run("db", "dump", "-o", out.toString(), "--home", home.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(Files.readString(Path.of("..", "dump.sql")), Files.readString(out));
    }
}
