package org.facesearch.server;

import java.nio.file.Path;
import org.facesearch.search.IndexKind;
import org.facesearch.store.Database;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FaceMesh;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ImageDecoder;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.testing.TestDatabase;
import org.facesearch.testing.TestPhotos;
import org.facesearch.search.IndexKeeper;

/**
 * A real server for tests: a fresh database, the real face pipeline and face mesh (opened once per JVM), the index loaded
 * from that database and the HTTP server on a free port of 127.0.0.1. Store faces with {@link #gallery()}
 * before {@link #start}, or after it followed by {@link IndexKeeper#refresh()}.
 */
final class ServerFixture implements AutoCloseable {
    private static FacePipeline pipeline;
    private static FaceMesh mesh;

    final Database db = TestDatabase.fresh();
    final Path home;
    private RunningServer running;

    private final IndexKind.Choice index;

    ServerFixture(Path home) {
        this(home, new IndexKind.Choice(IndexKind.IVF, 0));
    }

    ServerFixture(Path home, IndexKind.Choice index) {
        this.home = home;
        this.index = index;
    }

    static synchronized FacePipeline pipeline() {
        if (pipeline == null) {
            try {
                pipeline = FacePipeline.open(TestPhotos.modelsDir(), EmbedderModel.DEFAULT);
            } catch (ModelUnavailableException e) {
                throw new IllegalStateException(e);
            }
        }
        return pipeline;
    }

    static synchronized FaceMesh mesh() {
        if (mesh == null) {
            try {
                mesh = FaceMesh.open(TestPhotos.modelsDir(), System.err::println);
            } catch (ModelUnavailableException e) {
                throw new IllegalStateException(e);
            }
        }
        return mesh;
    }

    TestGallery gallery() {
        return new TestGallery(db.dsl(), pipeline(), home.resolve("gallery"));
    }

    /** Tests serve photos from 127.0.0.1: the allowance a configuration must give for that. */
    static final PhotoSources LOOPBACK_PHOTOS = new PhotoSources(java.util.List.of("127.0.0.1"), true);

    static ServerSettings settings(long maxUploadBytes, int maxConcurrentUploads) {
        return new ServerSettings("127.0.0.1", 0, maxUploadBytes, maxConcurrentUploads, 10, 8, 10, ImageDecoder.DEFAULT_MAX_PIXELS,
                LOOPBACK_PHOTOS, false, 0.6);
    }

    /** The default settings with {@code http.require-key=true}: the search and read routes need a key. */
    static ServerSettings requiringKeys() {
        ServerSettings open = settings(10L << 20, 4);
        return new ServerSettings(open.host(), open.port(), open.maxUploadBytes(), open.maxConcurrentUploads(),
                open.defaultTop(), open.defaultNprobe(), open.defaultMaxFaces(), open.maxImagePixels(), open.photoSources(),
                true, open.forgetMinSimilarity());
    }

    ServerFixture start() {
        return start(settings(10L << 20, 16));
    }

    ServerFixture start(ServerSettings settings) {
        running = RunningServer.start(db.dsl(), pipeline(), mesh(), settings, index, home, 0);
        return this;
    }

    IndexKeeper keeper() {
        return running.keeper();
    }

    FaceServer server() {
        return running.server();
    }

    String url(String path) {
        return "http://127.0.0.1:" + running.port() + path;
    }

    @Override
    public void close() {
        if (running != null) running.close();
        db.close();
    }
}
