package org.facesearch.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: every key resolved from, in rising precedence, its default, the configuration
 * file, the environment and command-line flags ({@link ConfigLoader} does the resolving and validation).
 * Values here are already valid; typed getters only convert them.
 */
public final class Config {
    private final Map<ConfigKey, String> values;
    private final Map<ConfigKey, String> origins;

    Config(Map<ConfigKey, String> values, Map<ConfigKey, String> origins) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.origins = Collections.unmodifiableMap(new EnumMap<>(origins));
    }

    /** All defaults: what a user gets with no file, no environment and no flags. */
    public static Config defaults() {
        return new ConfigLoader(null, Map.of()).load(Map.of());
    }

    public String get(ConfigKey key) {
        return values.get(key);
    }

    public int getInt(ConfigKey key) {
        return Integer.parseInt(values.get(key).trim());
    }

    public double getDouble(ConfigKey key) {
        return Double.parseDouble(values.get(key).trim());
    }

    /** A {@code true}/{@code false} key (its type, a choice of the two, is checked when the configuration loads). */
    public boolean getBoolean(ConfigKey key) {
        return Boolean.parseBoolean(values.get(key).trim());
    }

    public boolean isSet(ConfigKey key) {
        return !values.get(key).isBlank();
    }

    /** The largest image decoded ({@code image.max-megapixels}), in pixels. */
    public long maxImagePixels() {
        return getInt(ConfigKey.IMAGE_MAX_MEGAPIXELS) * 1_000_000L;
    }

    /** The data directory: models, the embedded database, caches. */
    public Path home() {
        return Path.of(values.get(ConfigKey.HOME));
    }

    /** Where the value of a key came from: "default", "file PATH", "environment NAME" or "flag". */
    public String origin(ConfigKey key) {
        return origins.get(key);
    }

    /** A copy with some keys replaced, e.g. by command-line flags. */
    public Config with(Map<ConfigKey, String> overrides) {
        Map<ConfigKey, String> v = new EnumMap<>(values);
        Map<ConfigKey, String> o = new EnumMap<>(origins);
        overrides.forEach((k, value) -> {
            ConfigLoader.validate(k, value, "flag");
            v.put(k, value);
            o.put(k, "flag");
        });
        return new Config(v, o);
    }

    /** One line per key with its value and origin; secrets are masked. */
    public List<String> describe() {
        return values.keySet().stream()
                .map(k -> k.key() + " = " + (k.isSecret() && !values.get(k).isEmpty() ? "****" : values.get(k))
                        + "   (" + origins.get(k) + ")")
                .toList();
    }

    @Override
    public String toString() {
        return String.join("\n", describe());
    }
}
