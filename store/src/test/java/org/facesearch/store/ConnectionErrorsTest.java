package org.facesearch.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The vendor codes the driver reports, mapped to advice. (The embedded test server runs without grant tables,
 * so a real "access denied" needs an external server; the codes are the same on MySQL and MariaDB.)
 */
class ConnectionErrorsTest {
    private final ConnectionSettings settings = new ConnectionSettings("jdbc:mysql://db:3306/vk_db", "crawler", "s3cret-pw", 2);

    @Test
    void accessDeniedNamesTheUserAndTheKeysButNeverThePassword() {
        var e = ConnectionErrors.explain(settings, new RuntimeException(new SQLException("Access denied for user 'crawler'", "28000", 1045)));
        assertTrue(e.getMessage().startsWith("access denied for database user 'crawler' at jdbc:mysql://db:3306/vk_db"), e.getMessage());
        assertTrue(e.getMessage().contains("db.password"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
    }

    @Test
    void unknownHostSaysToCheckTheUrl() {
        var e = ConnectionErrors.explain(settings, new RuntimeException(new SQLException("link failure", "08S01", 0, new UnknownHostException("db"))));
        assertTrue(e.getMessage().startsWith("unknown database host in jdbc:mysql://db:3306/vk_db"), e.getMessage());
    }

    @Test
    void anythingElseKeepsTheDriversReason() {
        var e = ConnectionErrors.explain(settings, new RuntimeException(new SQLException("Too many connections", "08004", 1040)));
        assertTrue(e.getMessage().endsWith("Too many connections"), e.getMessage());
    }
}
