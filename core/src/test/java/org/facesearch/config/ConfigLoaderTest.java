package org.facesearch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWithNoFileEnvOrFlags() {
        Config c = new ConfigLoader(null, Map.of("FACESEARCH_HOME", dir.toString())).load(Map.of());
        assertEquals(47000, c.getInt(ConfigKey.CLUSTER_CAP));
        assertEquals("faceres", c.get(ConfigKey.FACES_MODEL));
        assertFalse(c.isSet(ConfigKey.DB_URL));
        assertEquals("default", c.origin(ConfigKey.CLUSTER_CAP));
    }

    @Test
    void fileThenEnvironmentThenFlagsTakePrecedence() throws IOException {
        Path file = dir.resolve("my.properties");
        Files.writeString(file, "cluster.cap = 1000\nsearch.nprobe = 4\nhttp.port = 9000\n");
        Map<String, String> env = Map.of("FACESEARCH_SEARCH_NPROBE", "16", "FACESEARCH_HTTP_PORT", "9100");
        Config c = new ConfigLoader(file, env).load(Map.of(ConfigKey.HTTP_PORT, "9200"));
        assertEquals(1000, c.getInt(ConfigKey.CLUSTER_CAP));
        assertEquals("file " + file, c.origin(ConfigKey.CLUSTER_CAP));
        assertEquals(16, c.getInt(ConfigKey.SEARCH_NPROBE));
        assertEquals("environment FACESEARCH_SEARCH_NPROBE", c.origin(ConfigKey.SEARCH_NPROBE));
        assertEquals(9200, c.getInt(ConfigKey.HTTP_PORT));
        assertEquals("flag", c.origin(ConfigKey.HTTP_PORT));
    }

    @Test
    void homeFileIsReadFromTheHomeTheEnvironmentNames() throws IOException {
        Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), "cluster.cap = 500\n");
        Config c = new ConfigLoader(null, Map.of("FACESEARCH_HOME", dir.toString())).load(Map.of());
        assertEquals(500, c.getInt(ConfigKey.CLUSTER_CAP));
        assertEquals(dir, c.home());
    }

    @Test
    void tildeInHomeIsTheUsersHome() {
        Config c = new ConfigLoader(null, Map.of()).load(Map.of(ConfigKey.HOME, "~/fs"));
        assertEquals(Path.of(System.getProperty("user.home"), "fs"), c.home());
    }

    @Test
    void unknownKeyInFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "cluster.capp = 10\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(file, Map.of()).load(Map.of()));
        assertTrue(e.getMessage().contains("unknown key 'cluster.capp'"), e.getMessage());
        assertTrue(e.getMessage().contains("cluster.cap"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void invalidValueNamesKeyOriginAndExpectation() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(null, Map.of("FACESEARCH_CLUSTER_CAP", "lots")).load(Map.of()));
        assertEquals("invalid value 'lots' for key 'cluster.cap' (from environment FACESEARCH_CLUSTER_CAP): "
                + "expected a whole number greater than 0", e.getMessage());
        assertThrows(ConfigException.class, () -> new ConfigLoader(null, Map.of()).load(Map.of(ConfigKey.HTTP_PORT, "70000")));
        assertThrows(ConfigException.class, () -> new ConfigLoader(null, Map.of()).load(Map.of(ConfigKey.FACES_MODEL, "mobilefacenet")));
        assertThrows(ConfigException.class, () -> new ConfigLoader(null, Map.of()).load(Map.of(ConfigKey.VK_ENDPOINT, "ftp://x")));
        assertThrows(ConfigException.class, () -> new ConfigLoader(null, Map.of()).load(Map.of(ConfigKey.CLUSTER_FILL, "1.5")));
    }

    @Test
    void missingExplicitFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(dir.resolve("nope.properties"), Map.of()).load(Map.of()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void secretsNeverAppearInDescriptions() {
        Config c = new ConfigLoader(null, Map.of("FACESEARCH_DB_PASSWORD", "hunter2", "FACESEARCH_VK_TOKENS", "vk1.a.secret"))
                .load(Map.of());
        String text = c.toString();
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("vk1.a.secret"), text);
        assertTrue(text.contains("db.password = ****"), text);
        assertEquals("hunter2", c.get(ConfigKey.DB_PASSWORD));
    }

    @Test
    void exampleFileDocumentsExactlyTheKnownKeysWithTheirDefaults() throws IOException {
        Path example = Path.of("..", "config", "facesearch.example.properties");
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(example)));
        assertEquals(new TreeSet<>(ConfigKey.names()), new TreeSet<>(p.stringPropertyNames()));
        for (ConfigKey k : ConfigKey.values()) {
            assertEquals(k.defaultValue(), p.getProperty(k.key()).trim(), "default of " + k.key() + " in the example file");
        }
        // and the example file itself loads cleanly
        new ConfigLoader(example, Map.of()).load(Map.of());
    }
}
