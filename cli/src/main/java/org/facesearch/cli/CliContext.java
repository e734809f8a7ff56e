package org.facesearch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.EnumMap;
import java.util.Map;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.config.ConfigLoader;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.store.PrivateFiles;

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
        createHome(config.home());
    }

    /** A new HOME is created 0700: it holds the database, the faces and their photos' thumbnails. */
    private static void createHome(Path home) {
        if (Files.exists(home)) return;
        try {
            PrivateFiles.directory(home);
        } catch (IOException e) {
            throw new UserException("cannot create the data directory " + home + ": " + e.getMessage(), e);
        }
    }

    public Config config() {
        return config;
    }

    /** The database, opened (and migrated) on the first call. */
    public synchronized Database database() {
        if (database == null) database = open(config);
        return database;
    }

    /** The database {@code db.url} names, or the embedded one under {@code HOME/db} when it is empty. */
    static Database open(Config config) {
        int pool = config.getInt(ConfigKey.DB_POOL_SIZE);
        if (config.isSet(ConfigKey.DB_URL)) {
            return Database.connect(new ConnectionSettings(config.get(ConfigKey.DB_URL), config.get(ConfigKey.DB_USER),
                    config.get(ConfigKey.DB_PASSWORD), pool), null);
        }
        return Database.openEmbedded(config.home().resolve("db"), pool, config.getInt(ConfigKey.DB_BUFFER_POOL_MB));
    }

    /** {@code error} as the user should read it: a lost embedded database says why ({@link Database#explain}). */
    synchronized RuntimeException explain(RuntimeException error) {
        return database == null ? error : database.explain(error);
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
