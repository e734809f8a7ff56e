package org.facesearch.server;

import java.nio.file.Path;
import org.facesearch.blend.FaceBlender;
import org.facesearch.faces.FaceMesh;
import org.facesearch.faces.FacePipeline;
import org.facesearch.search.IndexKind;
import org.jooq.DSLContext;
import org.facesearch.search.IndexKeeper;
import org.facesearch.search.IndexLoader;
import org.facesearch.search.SearchParams;
import org.facesearch.store.faces.FaceCatalog;

/**
 * The whole server assembled from a database and an open face pipeline: the index loaded from the database and
 * kept fresh, the search, the catalog and the HTTP server listening. One place for the wiring that
 * {@code facesearch serve}, the demo and the tests share. Closing stops the server and the index refresh; the
 * database, the face pipeline and the face mesh belong to the caller.
 */
public final class RunningServer implements AutoCloseable {
    private static final int LOAD_PAGE = 10_000;

    private final IndexKeeper keeper;
    private final FaceServer server;

    private RunningServer(IndexKeeper keeper, FaceServer server) {
        this.keeper = keeper;
        this.server = server;
    }

    /**
     * Loads the index of the pipeline's model, of the chosen kind (progress in the log), warms the search path up
     * ({@link ServerWarmUp}) and starts listening.
     *
     * @param home the data directory: face thumbnails are cached in its {@code thumbnails}, and a forget deletes the
     *     search cache in its {@code cache} ({@link CodeFiles})
     * @param refreshSeconds how often new faces and a new clustering are picked up; 0 = never
     * @throws FaceServer.PortInUseException when the port is taken
     */
    public static RunningServer start(DSLContext db, FacePipeline pipeline, FaceMesh mesh, ServerSettings settings,
                                      IndexKind.Choice index, Path home, long refreshSeconds) {
        String model = pipeline.model().id();
        IndexKeeper keeper = IndexKeeper.start(new IndexLoader(db, model, pipeline.model().dimensions(), LOAD_PAGE,
                        index.kind(), index.graphBreadth()),
                model, refreshSeconds);
        try {
            FaceCatalog catalog = new FaceCatalog(db);
            FaceSearch search = new FaceSearch(pipeline, keeper.index(), db, settings.maxImagePixels());
            ServerWarmUp.run(search, new SearchParams(settings.defaultTop(), settings.defaultNprobe()),
                    keeper.index().current().size() > 0 ? ServerWarmUp.ROUNDS : 0, ServerWarmUp.BUDGET_MILLIS);
            FaceServer server = new FaceServer(settings, db, search,
                    new FaceComparison(pipeline, catalog, settings.maxImagePixels()),
                    new FaceBlender(mesh), catalog, keeper, home).start();
            return new RunningServer(keeper, server);
        } catch (RuntimeException e) {
            keeper.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public FaceServer server() {
        return server;
    }

    public IndexKeeper keeper() {
        return keeper;
    }

    @Override
    public void close() {
        server.close();
        keeper.close();
    }
}
