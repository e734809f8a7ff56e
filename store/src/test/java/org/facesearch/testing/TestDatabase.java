package org.facesearch.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.store.EmbeddedDatabase;

/**
 * Real databases for tests: each {@link #fresh()} is a new, empty, migrated database (schema) on one server
 * shared by the whole test JVM.
 *
 * <p>The server is the embedded MariaDB, started once under {@code target/test-db} of the module being tested,
 * or an external MySQL/MariaDB server when {@code FACESEARCH_TEST_DB_URL} names one (a server URL without a
 * database, e.g. {@code jdbc:mysql://127.0.0.1:3306/}, with {@code FACESEARCH_TEST_DB_USER} and
 * {@code FACESEARCH_TEST_DB_PASSWORD}); the user must be allowed to create databases.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase embedded;

    private TestDatabase() {
    }

    /** A new empty database with the schema migrated; close it when done (the server stays up). */
    public static Database fresh() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        return Database.connect(settingsFor(name), null);
    }

    /** Connection settings for a new empty database (not migrated), e.g. to test migrations themselves. */
    public static ConnectionSettings settingsFor(String name) {
        String external = System.getenv("FACESEARCH_TEST_DB_URL");
        if (external == null || external.isBlank()) {
            EmbeddedDatabase server = server();
            server.createDatabase(name);
            return server.settings(name, 4);
        }
        String user = System.getenv().getOrDefault("FACESEARCH_TEST_DB_USER", "root");
        String password = System.getenv().getOrDefault("FACESEARCH_TEST_DB_PASSWORD", "");
        String base = external.endsWith("/") ? external : external + "/";
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + base + ": " + e.getMessage(), e);
        }
        return new ConnectionSettings(base + name, user, password, 4);
    }

    /**
     * The embedded test server, started on first use and stopped when the JVM exits. Unlike a user's, it also lets
     * {@code root} in from 127.0.0.1 without a password, so that command-line tests pass just {@code --db-url} as they
     * would against a developer's local MySQL ({@code db.user} defaults to root); tests of the embedded server's own
     * access rules start their own server.
     */
    public static synchronized EmbeddedDatabase server() {
        if (embedded == null) {
            embedded = EmbeddedDatabase.startOrAttach(Path.of("target", "test-db").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-db-shutdown"));
            ConnectionSettings admin = embedded.settings("", 1);
            try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password()); Statement s = c.createStatement()) {
                s.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the test server to root: " + e.getMessage(), e);
            }
        }
        return embedded;
    }
}
