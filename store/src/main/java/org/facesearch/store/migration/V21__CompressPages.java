package org.facesearch.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Turns on InnoDB page compression (MariaDB's {@code PAGE_COMPRESSED}) for the tables that grow with the faces, so a
 * face takes less than 5 KB on disk at 1024-d. The float32 vectors are not compressed by the application: each 16 KB
 * page is compressed with zlib when InnoDB writes it and the unused tail of the page is punched out of the file, so
 * a page holding three ~4.2 KB {@code face} rows takes 8-12 KB of disk instead of 16 KB. Reads and writes of rows
 * are unchanged and bit-exact. Migration 22 turns it off again for {@code face}, whose vectors it stores sparse
 * instead: a page of them no longer compresses enough to pay for the CPU.
 *
 * <p>Only on MariaDB (MySQL 8 has no {@code PAGE_COMPRESSED}; its own {@code COMPRESSION='zlib'} is not applied
 * here: not tested). A server whose {@code innodb_compression_algorithm} is {@code none} is left as it is. The level,
 * {@value #LEVEL}, is the cheapest: compressing the pages is the largest CPU cost of a bulk import (it doubles the
 * CPU of {@code import --vectors}), and level 1 already brings a face to ~4.0 KB on disk (level 3: 3.5 KB for ~20%
 * more compression CPU; BENCHMARKS.md, issue 13).
 *
 * <p>Each {@code ALTER TABLE} copies its table ({@code ALGORITHM=COPY}: MariaDB 11.4 punches no holes into a table
 * rebuilt in place until the server restarts, measured; a copy is a newly created file, punched from the start). For
 * an existing database that takes minutes per million faces, with writes to the table blocked meanwhile, and is
 * atomic: a kill leaves the table as it was, Flyway has not recorded the migration, and the next start runs it again,
 * skipping the tables already compressed.
 */
public final class V21__CompressPages extends BaseJavaMigration {
    /** zlib level of the tables' pages (1-9). */
    public static final int LEVEL = 1;
    static final List<String> TABLES = List.of("face", "face_cluster", "photo", "profile");

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        compress(context.getConnection());
    }

    /** Compresses the tables not compressed yet (none where unsupported); returns those it compressed. */
    static List<String> compress(Connection connection) throws SQLException {
        if (!supported(connection)) {
            return List.of();
        }
        List<String> done = new ArrayList<>();
        for (String table : TABLES) {
            if (!compressed(connection, table)) {
                try (Statement alter = connection.createStatement()) {
                    alter.execute("alter table " + table + " page_compressed = 1 page_compression_level = " + LEVEL + ", algorithm = copy");
                }
                done.add(table);
            }
        }
        return done;
    }

    /** True on a MariaDB server with a page compression algorithm. */
    static boolean supported(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("select version()")) {
            version.next();
            if (!version.getString(1).toLowerCase(Locale.ROOT).contains("mariadb")) {
                return false;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet algorithm = statement.executeQuery("select @@innodb_compression_algorithm")) {
            return algorithm.next() && !"none".equalsIgnoreCase(algorithm.getString(1));
        }
    }

    /** True when {@code table} of the current schema has page compression on. */
    static boolean compressed(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select create_options from information_schema.tables"
                + " where table_schema = database() and table_name = ?")) {
            select.setString(1, table);
            try (ResultSet options = select.executeQuery()) {
                return options.next() && options.getString(1) != null
                        && options.getString(1).replace("`", "").toLowerCase(Locale.ROOT).contains("page_compressed=1");
            }
        }
    }
}
