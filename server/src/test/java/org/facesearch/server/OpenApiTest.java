package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written OpenAPI document against the running server: it names exactly the routes registered,
 * every {@code $ref} resolves, and Swagger UI loads it with assets served by the server itself.
 */
class OpenApiTest {
    @TempDir
    Path home;

    @Test
    void theDocumentDescribesExactlyTheRegisteredRoutes() {
        try (ServerFixture fixture = new ServerFixture(home).start()) {
            Http.Response r = Http.get(fixture.url("/openapi.json"));
            assertEquals(200, r.status());
            JsonNode doc = r.json();
            assertTrue(doc.path("openapi").asText().startsWith("3."), "OpenAPI 3");
            Set<String> documented = new TreeSet<>();
            doc.path("paths").properties().forEach(p -> p.getValue().fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey())));
            Set<String> registered = new TreeSet<>();
            fixture.server().routes().forEach(route -> registered.add(route.method() + " " + route.path()));
            assertEquals(registered, documented);

            String text = new String(r.body(), StandardCharsets.UTF_8);
            Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"").matcher(text);
            int count = 0;
            while (refs.find()) {
                assertTrue(!doc.at("/" + refs.group(1)).isMissingNode(), "unresolved $ref " + refs.group(1));
                count++;
            }
            assertTrue(count > 10, "the document uses shared schemas");

            doc.path("paths").properties().stream().filter(p -> p.getKey().startsWith("/api") || p.getKey().equals("/health"))
                    .forEach(p -> p.getValue().properties().forEach(operation -> {
                        for (String status : List.of("400", "414", "431", "500")) {
                            assertTrue(operation.getValue().path("responses").has(status),
                                    operation.getKey() + " " + p.getKey() + " documents " + status);
                        }
                    }));
            assertTrue(doc.at("/paths/~1api~1search~1vector/post/responses").has("413"), "vector body too large");

            assertSameFields(doc, "Stats", Http.get(fixture.url("/api/stats")).json());
            assertSameFields(doc, "Health", Http.get(fixture.url("/health")).json());
            JsonNode photo = Http.post(fixture.url("/api/search"), "image/jpeg",
                    org.facesearch.testing.TestPhotos.bytes(org.facesearch.testing.TestPhotos.singlePortrait())).json();
            assertSameFields(doc, "PhotoResult", photo);
            assertSameFields(doc, "FaceResult", photo.path("faces").get(0));
            assertSameFields(doc, "Box", photo.path("faces").get(0).path("box"));
            byte[] portrait = org.facesearch.testing.TestPhotos.bytes(org.facesearch.testing.TestPhotos.singlePortrait());
            JsonNode compared = Http.postMultipartFiles(fixture.url("/api/compare"), java.util.Map.of("a", portrait, "b", portrait)).json();
            assertSameFields(doc, "CompareResult", compared);
            assertSameFields(doc, "CompareSide", compared.path("a"));
        }
    }

    /** Every field of a real answer is documented in the schema (documented optional fields may be absent). */
    private static void assertSameFields(JsonNode doc, String schema, JsonNode answer) {
        Set<String> documented = new TreeSet<>();
        doc.path("components").path("schemas").path(schema).path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> actual = new TreeSet<>();
        answer.fieldNames().forEachRemaining(actual::add);
        assertTrue(documented.containsAll(actual), schema + ": documented " + documented + ", answered " + actual);
    }

    @Test
    void everyOperationHasADeclaredTagAndEveryJsonAnswerAnExampleAndSwaggerUiLinksBackToThePage() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiTest.class.getResource("/org/facesearch/server/openapi.json"));
        assertEquals("/", doc.path("externalDocs").path("url").asText(), "Swagger UI shows a link to the page");
        Set<String> declared = new TreeSet<>();
        doc.path("tags").forEach(tag -> declared.add(tag.path("name").asText()));
        assertEquals(Set.of("search", "catalog", "privacy", "service", "documentation"), declared);
        Set<String> used = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String name = op.getKey() + " " + path.getKey();
            JsonNode tags = op.getValue().path("tags");
            assertEquals(1, tags.size(), name + " has one tag");
            assertTrue(declared.contains(tags.get(0).asText()), name + ": undeclared tag " + tags);
            used.add(tags.get(0).asText());
            JsonNode ok = op.getValue().path("responses").path("200").path("content").path("application/json");
            boolean schemaRef = ok.path("schema").has("$ref");
            assertTrue(!schemaRef || ok.has("example"), name + " answers JSON without an example");
            JsonNode body = op.getValue().path("requestBody").path("content").path("application/json");
            assertTrue(body.isMissingNode() || body.has("example"), name + " takes JSON without an example");
        }));
        assertEquals(declared, used, "every declared tag is used");
    }

    @Test
    void swaggerUiIsServedOfflineFromTheWebJar() {
        try (ServerFixture fixture = new ServerFixture(home).start()) {
            String page = new String(Http.get(fixture.url("/swagger")).body(), StandardCharsets.UTF_8);
            Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
            int count = 0;
            while (assets.find()) {
                String asset = assets.group(1);
                assertTrue(asset.startsWith("/"), "served by this server: " + asset);
                assertEquals(200, Http.get(fixture.url(asset)).status(), asset);
                count++;
            }
            assertTrue(count >= 3, page);
            assertTrue(page.contains("/webjars/swagger-ui/" + DocsRoutes.swaggerUiVersion() + "/swagger-ui-bundle.js"), page);
            assertTrue(new String(Http.get(fixture.url("/swagger-init.js")).body(), StandardCharsets.UTF_8).contains("'/openapi.json'"));
        }
    }
}
