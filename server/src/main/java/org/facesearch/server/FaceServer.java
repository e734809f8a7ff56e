package org.facesearch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.facesearch.blend.FaceBlender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.search.IndexKeeper;
import org.facesearch.store.faces.FaceCatalog;
import org.jooq.DSLContext;

/**
 * The HTTP server: the JSON API under {@code /api}, {@code /health}, the OpenAPI document and Swagger UI, and the
 * web page (static files from {@code web/} in the jar). Every error is JSON {@code {"error": "..."}} with the
 * matching status; an unexpected exception is logged and answered 500 without its details.
 *
 * <p>Who may call what is {@link ApiAccess}'s rule: admin routes need an admin {@code X-API-Key}, the others a key
 * only when {@link ServerSettings#requireKey()}.
 *
 * <p>Routes are registered up front (Javalin 7); {@link #routes()} lists them for the OpenAPI check. The server
 * holds no database or index of its own: it is given the {@link FaceSearch}, {@link FaceComparison}, {@link FaceBlender},
 * {@link FaceCatalog} and {@link IndexKeeper} it serves and does not close them.
 */
public final class FaceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaceServer.class);

    /** The largest JSON body accepted (vector search); bigger ones get 413. Photos are read by {@link PhotoUpload}. */
    static final long MAX_JSON_BODY = 1 << 20;

    private final Javalin app;
    private final ServerSettings settings;

    /** One route: HTTP method (upper case) and path as registered, e.g. {@code GET /api/faces/{id}}. */
    public record Route(String method, String path) {
    }

    public FaceServer(ServerSettings settings, DSLContext db, FaceSearch search, FaceComparison comparison,
                      FaceBlender blender, FaceCatalog catalog, IndexKeeper keeper, Path home) {
        Path thumbnailDir = home.resolve("thumbnails");
        this.settings = settings;
        ApiAccess access = new ApiAccess(db, settings.requireKey());
        UploadGate gate = new UploadGate(settings.maxConcurrentUploads());
        SearchRoutes searchRoutes = new SearchRoutes(search, settings, access, gate);
        CompareRoutes compareRoutes = new CompareRoutes(comparison, settings, access);
        StoredPhotos storedPhotos = new StoredPhotos(64L << 20, settings.photoSources(), catalog::galleryRoots);
        BlendRoutes blendRoutes = new BlendRoutes(new FaceBlends(search.pipeline(), blender, catalog, storedPhotos,
                settings.maxImagePixels()), settings);
        CatalogRoutes catalogRoutes = new CatalogRoutes(catalog, new Thumbnails(thumbnailDir, storedPhotos, settings.maxImagePixels()),
                storedPhotos, keeper, settings.maxUploadBytes(), access);
        AdminRoutes adminRoutes = new AdminRoutes(db, search, keeper, thumbnailDir, home.resolve("cache"), settings, access, gate);
        DocsRoutes docs = new DocsRoutes();
        long multipartCap = settings.maxUploadBytes() + PhotoUpload.MULTIPART_OVERHEAD;
        long multipartTotal = 2 * settings.maxUploadBytes() + PhotoUpload.MULTIPART_OVERHEAD;   // a comparison sends two photos
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.multipartConfig.maxFileSize(multipartCap, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(multipartTotal, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, multipartCap), SizeUnit.BYTES);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            config.http.maxRequestSize = MAX_JSON_BODY;  // JSON bodies (vector search); photos are read by PhotoUpload
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.routes.post("/api/search", searchRoutes::photo);
            config.routes.post("/api/search/vector", searchRoutes::vector);
            config.routes.post("/api/blend", blendRoutes::blend);
            config.routes.get("/api/faces/{id}", catalogRoutes::face);
            config.routes.post("/api/compare", compareRoutes::compare);
            config.routes.get("/api/faces/{id}/thumbnail", catalogRoutes::thumbnail);
            config.routes.get("/api/faces/{id}/photo", catalogRoutes::photo);
            config.routes.get("/api/profiles/{id}", catalogRoutes::profile);
            config.routes.delete("/api/profiles/{id}", adminRoutes::deleteProfile);
            config.routes.post("/api/forget", adminRoutes::review);
            config.routes.post("/api/forget/confirm", adminRoutes::confirm);
            config.routes.get("/api/stats", catalogRoutes::stats);
            config.routes.get("/health", catalogRoutes::health);
            config.routes.get("/openapi.json", docs::openApi);
            config.routes.get("/swagger", docs::swagger);
            config.routes.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(error(e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(error(e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(error("internal error; see the server log"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) ctx.json(error("no such resource: " + ctx.method() + " " + ctx.path()));
            });
            config.routes.error(405, ctx -> {
                if (ctx.result() == null) ctx.json(error("method not allowed: " + ctx.method() + " " + ctx.path()));
            });
        });
    }

    static Map<String, String> error(String message) {
        return Map.of("error", message == null ? "error" : message);
    }

    /**
     * Starts listening.
     *
     * @throws PortInUseException when the port is taken
     */
    public FaceServer start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) {
                    app.stop();
                    throw new PortInUseException(settings.host(), settings.port(), t);
                }
            }
            throw e;
        }
        return this;
    }

    /** The port listened on (the real one when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** Every HTTP route registered, in registration order (static files are not routes). */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> new Route(e.endpoint.method.name(), e.endpoint.path))
                .toList();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The configured port is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        PortInUseException(String host, int port, Throwable cause) {
            super(message(host, port), cause);
        }

        /** The one line a user sees: what is wrong and what to do. */
        public static String message(String host, int port) {
            return "port " + port + " on " + host + " is already in use; stop what uses it or choose another with --port";
        }
    }
}
