package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
