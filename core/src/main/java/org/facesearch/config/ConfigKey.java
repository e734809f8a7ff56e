package org.facesearch.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key facesearch knows, with its default and the rule its value must follow.
 *
 * <p>The documentation of each key lives beside it in {@code config/facesearch.example.properties}; a test
 * checks that the example file names every key here and nothing else, so the two cannot drift apart.
 * The environment variable of a key is {@code FACESEARCH_} followed by the key in upper case with dots and
 * dashes turned into underscores ({@code db.url} → {@code FACESEARCH_DB_URL}).
 */
public enum ConfigKey {
    HOME("home", ValueType.PATH, "~/.facesearch"),
    DB_URL("db.url", ValueType.STRING, ""),
    DB_USER("db.user", ValueType.STRING, "root"),
    DB_PASSWORD("db.password", ValueType.SECRET, ""),
    DB_POOL_SIZE("db.pool-size", ValueType.POSITIVE_INT, "8"),
    DB_BUFFER_POOL_MB("db.buffer-pool-mb", ValueType.POSITIVE_INT, "1024"),
    VK_TOKENS("vk.tokens", ValueType.SECRET, ""),
    VK_TOKEN_FILE("vk.token-file", ValueType.STRING, ""),
    VK_ENDPOINT("vk.endpoint", ValueType.URL, "https://api.vk.com/method/"),
    VK_RATE_LIMIT("vk.rate-limit", ValueType.POSITIVE_DOUBLE, "3"),
    VK_SKIP_CLOSED_PROFILES("vk.skip-closed-profiles", ValueType.choice("false", "true"), "false"),
    FACES_MODEL("faces.model", ValueType.choice("faceres", "faceres-deep", "mobileface"), "faceres"),
    IMAGE_MAX_MEGAPIXELS("image.max-megapixels", ValueType.POSITIVE_INT, "40"),
    CLUSTER_CAP("cluster.cap", ValueType.POSITIVE_INT, "47000"),
    CLUSTER_FILL("cluster.fill", ValueType.FRACTION, "0.5"),
    CLUSTER_LIST_SIZE("cluster.list-size", ValueType.POSITIVE_INT, "1000"),
    SEARCH_NPROBE("search.nprobe", ValueType.NPROBE, "auto"),
    SEARCH_TOP("search.top", ValueType.POSITIVE_INT, "10"),
    HTTP_PORT("http.port", ValueType.PORT, "8080"),
    HTTP_MAX_UPLOAD_MB("http.max-upload-mb", ValueType.POSITIVE_INT, "10"),
    HTTP_NPROBE("http.nprobe", ValueType.NPROBE, "auto"),
    HTTP_PHOTO_HOSTS("http.photo-hosts", ValueType.STRING, "userapi.com,vk.com,vk.me,vkuserphoto.ru"),
    HTTP_PHOTO_PRIVATE_ADDRESSES("http.photo-private-addresses", ValueType.choice("false", "true"), "false"),
    INDEX_KIND("index.kind", ValueType.choice("ivf", "hnsw"), "ivf"),
    INDEX_HNSW_BREADTH("index.hnsw-breadth", ValueType.POSITIVE_INT, "400"),
    HTTP_REQUIRE_KEY("http.require-key", ValueType.choice("true", "false"), "false"),
    FORGET_MIN_SIMILARITY("forget.min-similarity", ValueType.FRACTION, "0.6");

    private final String key;
    private final ValueType type;
    private final String defaultValue;

    ConfigKey(String key, ValueType type, String defaultValue) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** The name used in the configuration file, e.g. {@code db.url}. */
    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The environment variable that overrides this key, e.g. {@code FACESEARCH_DB_URL}. */
    public String envName() {
        return "FACESEARCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** True for values that must never be printed: passwords and tokens. */
    public boolean isSecret() {
        return type == ValueType.SECRET;
    }

    public static Optional<ConfigKey> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ConfigKey::key).toList();
    }
}
