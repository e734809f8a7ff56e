package org.facesearch.store;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns the driver's exceptions on connect into one line a user can act on. MySQL and MariaDB report the
 * same conditions with the same vendor codes (1045 access denied, 1049 unknown database), and an unreachable
 * server shows up as a {@link ConnectException} or {@link UnknownHostException} somewhere in the cause chain.
 */
final class ConnectionErrors {
    private ConnectionErrors() {
    }

    static DatabaseException explain(ConnectionSettings settings, Throwable error) {
        SQLException sql = find(error, SQLException.class);
        if (sql != null && sql.getErrorCode() == 1045) {
            return new DatabaseException("access denied for database user '" + settings.user() + "' at " + settings.url()
                    + ": check db.user and db.password (FACESEARCH_DB_USER, FACESEARCH_DB_PASSWORD)", error);
        }
        if (sql != null && sql.getErrorCode() == 1049) {
            return new DatabaseException("the database in " + settings.url() + " does not exist: create it first"
                    + " (CREATE DATABASE name CHARACTER SET utf8mb4), or fix db.url", error);
        }
        if (find(error, UnknownHostException.class) != null) {
            return new DatabaseException("unknown database host in " + settings.url() + ": check db.url", error);
        }
        if (find(error, ConnectException.class) != null || sql != null && "08S01".equals(sql.getSQLState())) {
            return new DatabaseException("cannot reach the database at " + settings.url()
                    + ": is the server running and the host and port in db.url right? (leave db.url empty to use the embedded database)", error);
        }
        return new DatabaseException("cannot connect to the database at " + settings.url() + ": " + rootMessage(error), error);
    }

    /** Whether {@code t} comes from a connection that broke or could not be made (SQLSTATE class 08, refused). */
    static boolean isConnectionLoss(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }
}
