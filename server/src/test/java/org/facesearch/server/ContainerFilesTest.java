package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.facesearch.config.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the container files are checked by reading them: the compose file parses, its
 * services exist, every {@code FACESEARCH_*} variable is a real configuration key, the database URL, user and
 * password agree with what the MySQL service creates, published ports match {@code http.port}, and the
 * Dockerfile builds with the wrapper and runs on a JRE 25 with the same entry point.
 */
class ContainerFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static JsonNode compose() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    /** Compose's {@code ${VAR:-default}} resolved to its default, as with an empty environment. */
    private static String resolved(JsonNode value) {
        return value.asText().replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    @Test
    void composeServicesMatchTheConfigurationKeys() throws Exception {
        JsonNode services = compose().path("services");
        assertTrue(services.has("mysql") && services.has("facesearch"), "services mysql and facesearch");
        assertTrue(services.path("mysql").path("image").asText().startsWith("mysql:8"), "MySQL 8 image");
        Set<String> keys = Stream.of(ConfigKey.values()).map(ConfigKey::envName).collect(Collectors.toSet());
        JsonNode mysqlEnv = services.path("mysql").path("environment");
        List<String> servers = new ArrayList<>();
        services.properties().forEach(e -> {
            if (e.getValue().path("command").toString().startsWith("[\"serve\"")) servers.add(e.getKey());
        });
        assertTrue(servers.contains("facesearch"), "facesearch runs serve");
        for (String name : servers) {
            JsonNode service = services.path(name);
            Map<String, String> env = new HashMap<>();
            service.path("environment").properties().forEach(e -> env.put(e.getKey(), resolved(e.getValue())));
            env.keySet().forEach(k -> assertTrue(keys.contains(k), name + ": " + k + " is not a configuration key"));

            URI db = URI.create(env.get(ConfigKey.DB_URL.envName()).substring("jdbc:".length()));
            assertEquals("mysql", db.getHost(), name + " reaches the mysql service by its name");
            assertEquals("/" + mysqlEnv.path("MYSQL_DATABASE").asText(), db.getPath(), name + ": database name");
            assertEquals(mysqlEnv.path("MYSQL_USER").asText(), env.get(ConfigKey.DB_USER.envName()), name + ": user");
            assertEquals(resolved(mysqlEnv.path("MYSQL_PASSWORD")), env.get(ConfigKey.DB_PASSWORD.envName()), name + ": password");
            assertEquals("mysql", service.path("depends_on").fieldNames().next(), name + " waits for mysql");

            String port = env.get(ConfigKey.HTTP_PORT.envName());
            assertNotNull(port, name + " sets the HTTP port");
            List<String> published = new ArrayList<>();
            service.path("ports").forEach(p -> published.add(p.asText()));
            assertTrue(published.stream().anyMatch(p -> p.endsWith(":" + port)), name + " publishes container port " + port + ": " + published);
            String command = service.path("command").toString();
            assertTrue(command.contains("\"--host\",\"0.0.0.0\""), name + " listens on all interfaces inside the container");
            assertTrue(service.path("volumes").get(0).asText().endsWith(":" + env.get(ConfigKey.HOME.envName())),
                    name + " keeps its home in a volume");
        }
    }

    @Test
    void dockerfileBuildsWithTheWrapperAndRunsOnAJre25() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> stages = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, stages.size(), "two stages: " + stages);
        assertTrue(stages.get(0).contains(":25-jdk"), stages.get(0));
        assertTrue(stages.get(1).contains(":25-jre"), stages.get(1));
        assertTrue(dockerfile.contains("./mvnw -B -ntp -q package -DskipTests"), "built with the Maven wrapper");
        assertTrue(dockerfile.contains("serve --prepare-only"), "models fetched at build time");
        assertTrue(dockerfile.contains("EXPOSE 8080"), "exposes the default http.port");
        assertEquals(ConfigKey.HTTP_PORT.defaultValue(), "8080");
        assertTrue(dockerfile.contains("org.facesearch.cli.Main") && dockerfile.contains(HealthProbe.class.getName()),
                "entry point and health probe name real classes");
        assertTrue(Files.isRegularFile(ROOT.resolve(".dockerignore")), "build context excludes target/");
    }
}
