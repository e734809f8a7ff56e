package org.facesearch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.facesearch.store.Database;
import org.facesearch.store.SchemaDump;

/** {@code facesearch db migrate|dump}: database operations. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Database operations: apply the schema migrations, write dump.sql.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Dump.class})
final class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Create or upgrade the database schema to the newest version (Flyway migrations).",
                    "Safe to run any number of times. With no db.url it uses the embedded database."},
            footer = {"", "Examples:", "  facesearch db migrate",
                    "  facesearch db migrate --db-url jdbc:mysql://localhost:3306/vk_db"})
    static final class Migrate extends ContextCommand {
        @Override
        protected int run(CliContext context) {
            Database db = context.database();
            var m = db.migration();
            String version = db.schemaVersion();
            out().printf("database %s%s: schema version %s (%d migration(s) applied now)%n",
                    db.url().replaceAll("\\?.*", ""), db.isEmbedded() ? " (embedded)" : "", version, m.migrationsExecuted);
            return FaceSearchCommand.EXIT_OK;
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = {"Write the schema the migrations create, as one SQL file for 'mysql vk_db < dump.sql'.",
                    "Needs no database: it is generated from the migrations shipped in this build."},
            footer = {"", "Example:  facesearch db dump --output dump.sql"})
    static final class Dump extends ContextCommand {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: standard output).")
        Path output;

        @Override
        protected int run(CliContext context) throws Exception {
            String sql = SchemaDump.fromClasspathMigrations();
            if (output == null) {
                out().print(sql);
            } else {
                java.nio.file.Files.writeString(output, sql);
                out().println("wrote " + output);
            }
            return FaceSearchCommand.EXIT_OK;
        }
    }
}
