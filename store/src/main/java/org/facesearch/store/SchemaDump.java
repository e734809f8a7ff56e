package org.facesearch.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Produces {@code dump.sql}: the schema the Flyway migrations create, as one file that
 * {@code mysql vk_db < dump.sql} loads into an empty database.
 *
 * <p>It is the migrations themselves in version order, not a {@code SHOW CREATE TABLE} of a live server:
 * that output depends on the server (MariaDB 11 writes collations MySQL 8 rejects), while the migrations are
 * written to run on both. A database loaded from dump.sql has no Flyway history, so pointing facesearch at it
 * later needs {@code flyway baseline}; the usual path is to let facesearch create the schema itself.
 */
public final class SchemaDump {
    private static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    private SchemaDump() {
    }

    public static String fromClasspathMigrations() throws IOException {
        URL url = SchemaDump.class.getClassLoader().getResource(LOCATION);
        if (url == null) throw new IOException("no " + LOCATION + " on the classpath: the build is incomplete");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return render(fs.getPath(LOCATION));
                }
            }
            return render(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IOException("bad migration location " + url, e);
        }
    }

    static String render(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(SchemaDump::version))
                    .toList();
        }
        StringBuilder out = new StringBuilder()
                .append("-- facesearch database schema, generated from db/migrations by `facesearch db dump`. Do not edit:\n")
                .append("-- change the migrations and regenerate. Load into an empty database: mysql vk_db < dump.sql\n");
        for (Path f : files) {
            out.append("\n-- ==== ").append(f.getFileName()).append(" ====\n\n");
            String sql = Files.readString(f, StandardCharsets.UTF_8);
            out.append(sql.endsWith("\n") ? sql : sql + "\n");
        }
        return out.toString();
    }

    private static int version(Path p) {
        Matcher m = VERSIONED.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(p.toString());
        return Integer.parseInt(m.group(1));
    }
}
