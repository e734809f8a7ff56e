package org.facesearch.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FaceMesh;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.server.FaceServer;
import org.facesearch.search.IndexKind;
import org.facesearch.search.SearchParams;
import org.facesearch.server.PhotoSources;
import org.facesearch.server.RunningServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.server.ServerSettings;
import org.facesearch.store.Database;

/**
 * {@code facesearch serve}: opens the database and the face models, loads the in-memory index (progress in the
 * log), then serves the web page and the HTTP API until Ctrl-C. The index follows new faces and reclusterings
 * every {@code --refresh-seconds}. A port in use is a one-line error (exit 1).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the web page and the HTTP API (OpenAPI at /openapi.json, Swagger UI at /swagger).",
                "Loads the codes of every face of the configured model into memory first (~150 bytes a face; the exact "
                        + "re-rank reads the candidates' vectors from the database); new faces appear without a restart."},
        footer = {"", "Examples:", "  facesearch serve                      # http://127.0.0.1:8080/",
                "  facesearch serve --port 9000 --host 0.0.0.0"})
final class ServeCommand extends ContextCommand {
    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: http.port, 8080; 0 = any free port).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all, e.g. in a container).")
    String host;

    @Option(names = "--max-concurrent-uploads", paramLabel = "N", defaultValue = "16",
            description = "Photos received or analysed at once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxConcurrentUploads;

    @Option(names = "--refresh-seconds", paramLabel = "S", defaultValue = "10",
            description = "How often the index looks for new faces and a new clustering (default: ${DEFAULT-VALUE}; 0 = never).")
    int refreshSeconds;

    @Option(names = "--index", paramLabel = "KIND",
            description = "In-memory index: ivf or hnsw (default: index.kind, ivf).")
    String index;

    @Option(names = "--prepare-only", description = "Fetch and load the face models, then exit (used when building the container image).")
    boolean prepareOnly;

    @Override
    protected int run(CliContext context) throws Exception {
        long start = System.nanoTime();
        Config config = context.config();
        EmbedderModel model = EmbedderModel.parse(config.get(ConfigKey.FACES_MODEL));
        int listenPort = port != null ? port : config.getInt(ConfigKey.HTTP_PORT);
        if (!prepareOnly) requirePortFree(listenPort);
        Path models = config.home().resolve("models");
        try (FacePipeline pipeline = openPipeline(models, model); FaceMesh mesh = openMesh(models)) {
            if (prepareOnly) {
                out().println("face models ready: " + model.id());
                return FaceSearchCommand.EXIT_OK;
            }
            Database db = context.database();
            ServerSettings settings = new ServerSettings(host, listenPort,
                    config.getInt(ConfigKey.HTTP_MAX_UPLOAD_MB) * (1L << 20), maxConcurrentUploads,
                    config.getInt(ConfigKey.SEARCH_TOP), SearchParams.parseNprobe(config.get(ConfigKey.HTTP_NPROBE)), 10, config.maxImagePixels(),
                    PhotoSources.parse(config.get(ConfigKey.HTTP_PHOTO_HOSTS), config.get(ConfigKey.HTTP_PHOTO_PRIVATE_ADDRESSES).equals("true")),
                    config.getBoolean(ConfigKey.HTTP_REQUIRE_KEY), config.getDouble(ConfigKey.FORGET_MIN_SIMILARITY));
            IndexKind.Choice choice = new IndexKind.Choice(indexKind(config), config.getInt(ConfigKey.INDEX_HNSW_BREADTH));
            RunningServer server;
            try {
                server = RunningServer.start(db.dsl(), pipeline, mesh, settings, choice, config.home(), refreshSeconds);
            } catch (FaceServer.PortInUseException e) {
                throw new UserException(e.getMessage());
            }
            try (server) {
                out().printf("facesearch: serving http://%s:%d/ (%d faces of %s, ready in %.1f s); Ctrl-C stops%n",
                        host.equals("0.0.0.0") ? "localhost" : host, server.port(), server.keeper().index().current().size(),
                        model.id(), (System.nanoTime() - start) / 1e9);
                out().flush();
                awaitShutdown(server);
            }
        }
        return FaceSearchCommand.EXIT_OK;
    }

    /**
     * Fails at once when the port is taken, before minutes of loading; {@link FaceServer#start} checks again
     * (the port can be taken in between).
     */
    private void requirePortFree(int listenPort) {
        if (listenPort == 0) return;
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, listenPort));
        } catch (java.io.IOException e) {
            throw new UserException(FaceServer.PortInUseException.message(host, listenPort));
        }
    }

    private static FacePipeline openPipeline(Path modelsDir, EmbedderModel model) {
        try {
            return FacePipeline.open(modelsDir, model);
        } catch (ModelUnavailableException e) {
            throw new UserException("cannot load the face models: " + e.getMessage(), e);
        }
    }

    private IndexKind indexKind(Config config) {
        if (index == null) return IndexKind.parse(config.get(ConfigKey.INDEX_KIND));
        try {
            return IndexKind.parse(index);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--index: " + e.getMessage());
        }
    }

    private static FaceMesh openMesh(Path modelsDir) {
        try {
            return FaceMesh.open(modelsDir, System.err::println);
        } catch (ModelUnavailableException e) {
            throw new UserException("cannot load the face mesh model (for blended faces): " + e.getMessage(), e);
        }
    }

    /**
     * Blocks until the JVM shuts down (Ctrl-C, SIGTERM) or this thread is interrupted (an embedding program, such
     * as the demo's test, stopping the server); the server is stopped before the database closes.
     */
    private static void awaitShutdown(RunningServer server) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "facesearch-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);  // the caller's try-with-resources closes the server
        }
    }
}
