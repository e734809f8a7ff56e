package org.facesearch.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves the configuration: defaults, then the file, then the environment, then flags.
 *
 * <p>The file is the one given with {@code --config}, or else {@code HOME/facesearch.properties} when it
 * exists, where HOME is the data directory after environment and flags have had their say (so
 * {@code FACESEARCH_HOME=/data facesearch ...} reads {@code /data/facesearch.properties}). An unknown key in
 * the file or a value that breaks its key's rule is a {@link ConfigException} naming the key, the value's
 * origin and what was expected. Unknown {@code FACESEARCH_*} variables are ignored: the environment is shared
 * with other tools (tests, for instance, use {@code FACESEARCH_TEST_DB_URL}).
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "facesearch.properties";

    private final Path explicitFile;
    private final Map<String, String> env;

    /**
     * @param explicitFile the file named with {@code --config}, or null
     * @param env the process environment ({@code System.getenv()} in production)
     */
    public ConfigLoader(Path explicitFile, Map<String, String> env) {
        this.explicitFile = explicitFile;
        this.env = env;
    }

    public Config load(Map<ConfigKey, String> flags) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            values.put(k, k.defaultValue());
            origins.put(k, "default");
        }
        Path file = explicitFile != null ? explicitFile : homeFile(flags);
        if (file != null) {
            readFile(file).forEach((k, v) -> put(values, origins, k, v, "file " + file));
        }
        for (ConfigKey k : ConfigKey.values()) {
            String v = env.get(k.envName());
            if (v != null) put(values, origins, k, v, "environment " + k.envName());
        }
        flags.forEach((k, v) -> put(values, origins, k, v, "flag"));
        values.put(ConfigKey.HOME, expandHome(values.get(ConfigKey.HOME)));
        return new Config(values, origins);
    }

    /** HOME/facesearch.properties if it exists, with HOME as flags and environment set it (the file cannot move itself). */
    private Path homeFile(Map<ConfigKey, String> flags) {
        String home = flags.getOrDefault(ConfigKey.HOME, env.getOrDefault(ConfigKey.HOME.envName(), ConfigKey.HOME.defaultValue()));
        Path candidate = Path.of(expandHome(home)).resolve(FILE_NAME);
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    private static Map<ConfigKey, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " does not exist (copy config/facesearch.example.properties there, or drop --config)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<ConfigKey, String> out = new EnumMap<>(ConfigKey.class);
        for (String name : p.stringPropertyNames()) {
            ConfigKey key = ConfigKey.byName(name).orElseThrow(() -> new ConfigException(
                    "unknown key '" + name + "' in " + file + "; known keys: " + String.join(", ", ConfigKey.names())));
            out.put(key, p.getProperty(name));
        }
        return out;
    }

    private static void put(Map<ConfigKey, String> values, Map<ConfigKey, String> origins, ConfigKey k, String v, String origin) {
        validate(k, v, origin);
        values.put(k, v.trim());
        origins.put(k, origin);
    }

    static void validate(ConfigKey k, String v, String origin) {
        if (v.isBlank() && (k.type() == ValueType.STRING || k.type() == ValueType.SECRET)) return;
        k.type().check(v).ifPresent(fault -> {
            String shown = k.isSecret() ? "(hidden)" : "'" + v + "'";
            throw new ConfigException("invalid value " + shown + " for key '" + k.key() + "' (from " + origin + "): " + fault);
        });
    }

    private static String expandHome(String path) {
        String p = path.trim();
        if (p.equals("~") || p.startsWith("~/")) return System.getProperty("user.home") + p.substring(1);
        return p;
    }
}
