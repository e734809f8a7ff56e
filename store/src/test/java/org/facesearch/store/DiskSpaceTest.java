package org.facesearch.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.facesearch.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The free-space check against the real server's data directory: what fits passes, what does not is refused. */
class DiskSpaceTest {
    @Test
    void aWriteThatFitsPassesAndOneThatDoesNotIsRefusedSayingWhatToDo() throws Exception {
        try (Database database = TestDatabase.fresh(); Connection connection = database.dataSource().getConnection()) {
            Path datadir = Path.of((String) database.dsl().fetchValue("select @@datadir"));
            long free = Files.getFileStore(datadir).getUsableSpace();
            assertTrue(free > DiskSpace.RESERVE, "the test needs more than the reserve free on " + datadir);

            assertDoesNotThrow(() -> DiskSpace.require(connection, 0, "storing nothing"));
            assertDoesNotThrow(() -> DiskSpace.require(connection, (free - DiskSpace.RESERVE) / 2, "storing half"));

            DatabaseException refused = assertThrows(DatabaseException.class,
                    () -> DiskSpace.require(connection, free, "storing 5 faces"));
            String message = refused.getMessage();
            assertTrue(message.startsWith("storing 5 faces needs about "), message);
            assertTrue(message.contains("free on the disk of " + datadir), message);
            assertTrue(message.contains("MB kept in reserve"), message);
            assertTrue(message.contains("Free some space and run the command again"), message);

            // the same through jOOQ, as inside a caller's transaction
            assertDoesNotThrow(() -> DiskSpace.require(database.dsl(), 0, "storing nothing"));
            assertThrows(DatabaseException.class, () -> DiskSpace.require(database.dsl(), free, "storing 5 faces"));
        }
    }
}
