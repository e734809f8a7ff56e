package org.facesearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.facesearch.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class SchemaDumpTest {
    private static final Path COMMITTED = Path.of("..", "dump.sql");

    @Test
    void committedDumpMatchesTheMigrations() throws Exception {
        assertEquals(SchemaDump.fromClasspathMigrations(), Files.readString(COMMITTED),
                "dump.sql drifted from db/migrations: regenerate it with `bin/facesearch db dump -o dump.sql`");
    }

    @Test
    void theDumpLoadsIntoAnEmptyDatabase() throws Exception {
        var settings = TestDatabase.settingsFor("dump_" + ProcessHandle.current().pid());
        try (var c = java.sql.DriverManager.getConnection(settings.url() + (settings.url().contains("?") ? "&" : "?") + "allowMultiQueries=true", settings.user(), settings.password());
             var s = c.createStatement()) {
            s.execute(Files.readString(COMMITTED));
            var rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = database()");
            rs.next();
            assertEquals(11, rs.getInt(1));
        }
    }
}
