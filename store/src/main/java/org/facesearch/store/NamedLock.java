package org.facesearch.store;

import java.sql.Connection;
import java.util.Optional;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A database-wide lock across all processes: MySQL/MariaDB's named lock {@code GET_LOCK(name, 0)}, which belongs to
 * one connection (session). The lock keeps that connection out of the pool while held; it is released explicitly
 * before the connection goes back to the pool, and by the server when the session dies (a killed process never
 * leaves it held).
 */
public final class NamedLock implements AutoCloseable {
    private final String name;
    private final ConnectionProvider provider;
    private final Connection connection;

    private NamedLock(String name, ConnectionProvider provider, Connection connection) {
        this.name = name;
        this.provider = provider;
        this.connection = connection;
    }

    /** Takes the lock {@code name} without waiting; empty if another session holds it. */
    public static Optional<NamedLock> tryAcquire(DSLContext db, String name) {
        return acquire(db, name, 0);
    }

    /** Takes the lock {@code name}, waiting up to {@code seconds} for another session to release it; empty if none did. */
    public static Optional<NamedLock> acquire(DSLContext db, String name, int seconds) {
        ConnectionProvider provider = db.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try {
            Object got = DSL.using(connection).fetchValue("select get_lock({0}, {1})", DSL.val(name), DSL.val(seconds));
            if (got != null && ((Number) got).intValue() == 1) return Optional.of(new NamedLock(name, provider, connection));
        } catch (RuntimeException e) {
            provider.release(connection);
            throw e;
        }
        provider.release(connection);
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            DSL.using(connection).fetchValue("select release_lock({0})", DSL.val(name));
        } finally {
            provider.release(connection);
        }
    }
}
