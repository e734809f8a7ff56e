package org.facesearch.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which npm registry the user trusts, read the way npm reads it, so a mirror set up for npm is used here too: the
 * environment ({@code npm_config_registry}, {@code npm_config_@scope:registry}) over the user's {@code ~/.npmrc}
 * (or {@code npm_config_userconfig}) over the global {@code /etc/npmrc} (or {@code npm_config_globalconfig});
 * a scope's registry ({@code @vladmandic:registry=...}) over the plain {@code registry}; else the public registry.
 * A {@code //host/path/:_authToken} entry matching the registry is sent as a bearer token to that registry only;
 * {@code ${VAR}} in a value is the environment variable, as in npm.
 */
public final class NpmSettings {
    public static final URI PUBLIC_REGISTRY = URI.create("https://registry.npmjs.org/");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> values;
    private final Map<String, String> env;

    /** @param files npmrc files from the weakest to the strongest; missing ones are skipped */
    NpmSettings(Map<String, String> env, List<Path> files) throws IOException {
        this.env = env;
        this.values = new HashMap<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) values.putAll(parse(Files.readAllLines(file)));
        }
        env.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith("npm_config_")) values.put(k.substring("npm_config_".length()).toLowerCase(Locale.ROOT), v);
        });
    }

    /** The settings of this user and machine. */
    public static NpmSettings fromEnvironment() throws IOException {
        Map<String, String> env = System.getenv();
        Path user = Path.of(env.getOrDefault("npm_config_userconfig", System.getProperty("user.home") + "/.npmrc"));
        Path global = Path.of(env.getOrDefault("npm_config_globalconfig", "/etc/npmrc"));
        return new NpmSettings(env, List.of(global, user));
    }

    /** The registry for {@code pkg}'s scope, always ending with {@code /}. */
    public URI registry(NpmPackage pkg) throws IOException {
        String scoped = pkg.scope().isEmpty() ? null : values.get(pkg.scope() + ":registry");
        String raw = scoped != null ? scoped : values.get("registry");
        if (raw == null || raw.isBlank()) return PUBLIC_REGISTRY;
        try {
            URI uri = new URI(expand(raw.strip()));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IOException("the npm registry setting '" + raw + "' is not an http(s) URL");
            }
            return uri.getPath() != null && uri.getPath().endsWith("/") ? uri : URI.create(uri + "/");
        } catch (URISyntaxException e) {
            throw new IOException("the npm registry setting '" + raw + "' is not a URL: " + e.getMessage(), e);
        }
    }

    /** The {@code _authToken} npm would send to {@code registry} (matched on host and the longest path prefix). */
    public Optional<String> authToken(URI registry) {
        String path = registry.getRawPath() == null || registry.getRawPath().isEmpty() ? "/" : registry.getRawPath();
        while (true) {
            String token = values.get("//" + registry.getRawAuthority() + path + ":_authtoken");
            if (token != null) return Optional.of(expand(token.strip()));
            if (path.equals("/")) return Optional.empty();
            path = path.substring(0, path.lastIndexOf('/', path.length() - 2) + 1);
        }
    }

    private String expand(String value) {
        Matcher m = VARIABLE.matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(env.getOrDefault(r.group(1), "")));
    }

    /** {@code key=value} lines; {@code ;} and {@code #} start comments; keys compared lower-case, as npm does. */
    private static Map<String, String> parse(List<String> lines) {
        var out = new HashMap<String, String>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith(";") || l.startsWith("#")) continue;
            int eq = l.indexOf('=');
            if (eq <= 0) continue;
            String value = l.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(l.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
        }
        return out;
    }
}
