package org.facesearch.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@code GET /openapi.json}, the hand-written OpenAPI 3 document shipped as a resource beside this class (a test
 * checks it against the registered routes), and {@code GET /swagger}, Swagger UI from the {@code swagger-ui}
 * WebJar served by this server: no CDN, works offline. The WebJar's version is read from its own Maven metadata,
 * so upgrading the dependency needs no code change.
 */
final class DocsRoutes {
    private final byte[] openApi;
    private final String swaggerPage;

    DocsRoutes() {
        this.openApi = resource("openapi.json");
        this.swaggerPage = new String(resource("swagger.html"), StandardCharsets.UTF_8)
                .replace("{{swagger-ui}}", "/webjars/swagger-ui/" + swaggerUiVersion());
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    void swagger(Context ctx) {
        ctx.html(swaggerPage);
    }

    static byte[] resource(String name) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource missing from the jar: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String swaggerUiVersion() {
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
