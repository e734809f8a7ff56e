package org.facesearch.cli;

import java.util.EnumMap;
import java.util.Map;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.config.ConfigLoader;
import org.facesearch.db.Database;

/**
 * What a running command shares: the resolved configuration (from the root command's options and the
 * environment) and, opened on first use, the database. {@link #close()} runs when the command ends, also
 * on Ctrl-C, so an embedded database is always stopped cleanly.
 */
public final class CliContext implements AutoCloseable {
    private final Config config;
    private Database database;

    CliContext(FaceSearchCommand root, Map<String, String> env) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        if (root.home != null) flags.put(ConfigKey.HOME, root.home.toString());
        if (root.dbUrl != null) flags.put(ConfigKey.DB_URL, root.dbUrl);
        this.config = new ConfigLoader(root.configFile, env).load(flags);
    }

    public Config config() {
        return config;
    }

    /** The database, opened (and migrated) on the first call. */
    public synchronized Database database() {
        if (database == null) database = Database.open(config);
        return database;
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
