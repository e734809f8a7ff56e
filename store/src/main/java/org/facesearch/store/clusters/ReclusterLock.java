package org.facesearch.store.clusters;

import java.sql.Connection;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The database-wide lock that lets one recluster run at a time across all processes: MySQL/MariaDB's named lock
 * {@code GET_LOCK('facesearch-recluster', 0)}, which belongs to one connection (session). The lock keeps that
 * connection out of the pool for the whole recluster; it is released explicitly before the connection goes back
 * to the pool, and by the server when the session dies (a killed process never leaves it held).
 */
public final class ReclusterLock implements AutoCloseable {
    public static final String NAME = "facesearch-recluster";

    private final ConnectionProvider provider;
    private final Connection connection;

    private ReclusterLock(ConnectionProvider provider, Connection connection) {
        this.provider = provider;
        this.connection = connection;
    }

    /** Takes the lock without waiting, or throws {@link ReclusterBusyException} if another session holds it. */
    public static ReclusterLock acquire(DSLContext db) {
        ConnectionProvider provider = db.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try {
            Object got = DSL.using(connection).fetchValue("select get_lock({0}, 0)", DSL.val(NAME));
            if (got == null || ((Number) got).intValue() != 1) {
                throw new ReclusterBusyException("another recluster is running (database lock '" + NAME + "' is held)");
            }
            return new ReclusterLock(provider, connection);
        } catch (RuntimeException e) {
            provider.release(connection);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            DSL.using(connection).fetchValue("select release_lock({0})", DSL.val(NAME));
        } finally {
            provider.release(connection);
        }
    }
}
