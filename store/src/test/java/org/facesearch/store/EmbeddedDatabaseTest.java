package org.facesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    @TempDir
    Path home;

    @Test
    void dataSurvivesARestartAndASecondOpenerAttachesInsteadOfStartingAnotherServer() throws IOException {
        try (Database owner = Database.openEmbedded(home.resolve("db"), 8)) {
            assertTrue(owner.isEmbedded());
            owner.dsl().execute("insert into crawl_state (source_key, cursor_value) values ('users:1-10', '5')");
            try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(home.resolve("db"))) {
                assertFalse(second.owned(), "a second opener must not start a server on the same files");
                try (Database attached = Database.connect(second.settings(2), null)) {
                    assertEquals("5", attached.dsl().fetchValue("select cursor_value from crawl_state").toString());
                }
            }
            assertTrue(lockHeld(home.resolve("db").resolve("server.lock")),
                    "an opener attaching in the owner's process must leave the owner's lock in place for other processes");
        }
        try (Database reopened = Database.openEmbedded(home.resolve("db"), 8)) {
            assertEquals(0, reopened.migration().migrationsExecuted);
            assertEquals("5", reopened.dsl().fetchValue("select cursor_value from crawl_state").toString());
        }
    }

    /** Whether a POSIX lock is held on the file, as the kernel lists them in /proc/locks ("... MAJ:MIN:INODE ..."). */
    private static boolean lockHeld(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        return Files.readAllLines(Path.of("/proc/locks")).stream()
                .anyMatch(line -> line.contains("POSIX") && line.matches(".*:" + inode + " .*"));
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneClearMessage() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        DatabaseException e = assertThrows(DatabaseException.class, () -> EmbeddedDatabase.startOrAttach(file.resolve("db")));
        assertTrue(e.getMessage().startsWith("cannot use the data directory " + file.resolve("db")), e.getMessage());
    }
}
