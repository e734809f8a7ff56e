package org.facesearch.cli;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ModelUnavailableException;

/**
 * Opens the face pipeline (TensorFlow and its graphs, the longest part of a one-shot command's start) on a
 * background thread, so that a command can start or attach to the database meanwhile. Closing waits for the load
 * and closes the pipeline, whether or not it was used.
 */
final class PipelineLoader implements AutoCloseable {
    private final CompletableFuture<FacePipeline> loading;

    private PipelineLoader(CompletableFuture<FacePipeline> loading) {
        this.loading = loading;
    }

    static PipelineLoader start(Path modelsDir, EmbedderModel model) {
        return new PipelineLoader(CompletableFuture.supplyAsync(() -> {
            try {
                return FacePipeline.open(modelsDir, model);
            } catch (ModelUnavailableException e) {
                throw new CompletionException(e);
            }
        }, runnable -> Thread.ofPlatform().daemon().name("pipeline-loader").start(runnable)));
    }

    /** The pipeline, once loaded; the load's failure if it failed. */
    FacePipeline get() throws ModelUnavailableException {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ModelUnavailableException unavailable) throw unavailable;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            loading.join().close();
        } catch (CompletionException failed) {
            // nothing was opened; get() reported the failure to whoever asked
        }
    }
}
