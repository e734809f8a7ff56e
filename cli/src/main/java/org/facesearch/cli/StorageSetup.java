package org.facesearch.cli;

import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.PipelineAnalyzer;
import org.facesearch.crawl.StoragePath;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ModelUnavailableException;
import org.facesearch.store.NamedLock;
import org.facesearch.store.WriterLock;

/**
 * What {@code crawl} and {@code import} share: the storage path built from the configuration (the face pipeline
 * of {@code faces.model} with its models under {@code HOME/models}, cluster assignment with {@code cluster.cap} and
 * the recluster policy), closed together, and the summary both print at the end.
 */
final class StorageSetup implements AutoCloseable {
    private final NamedLock writerLock;
    private final FacePipeline pipeline;
    private final StoragePath storage;

    private StorageSetup(NamedLock writerLock, FacePipeline pipeline, StoragePath storage) {
        this.writerLock = writerLock;
        this.pipeline = pipeline;
        this.storage = storage;
    }

    /**
     * Takes the database's writer lock ({@link WriterLock}: a second crawl or import is refused at once, before the
     * models load), then opens the pipeline and the storage path.
     *
     * @param command what runs ("crawl", "import"), for the message when another writer holds the lock
     */
    static StorageSetup open(CliContext context, int analysisThreads, String command) {
        EmbedderModel model = EmbedderModel.parse(context.config().get(ConfigKey.FACES_MODEL));
        NamedLock writerLock = WriterLock.acquire(context.database().dsl(), command);
        FacePipeline pipeline;
        try {
            pipeline = FacePipeline.open(context.config().home().resolve("models"), model);
        } catch (ModelUnavailableException e) {
            writerLock.close();
            throw new UserException(e.getMessage(), e);
        }
        try {
            return new StorageSetup(writerLock, pipeline, new StoragePath(context.database().dsl(), new PipelineAnalyzer(pipeline, context.config().maxImagePixels()),
                    ClustererHook.open(context), analysisThreads));
        } catch (RuntimeException e) {
            pipeline.close();
            writerLock.close();
            throw e;
        }
    }

    StoragePath storage() {
        return storage;
    }

    /**
     * "photos .., faces .., ... in .. s (.. units/s, .. faces/s)" for {@code units} of work (profiles, photos); the
     * failed photos are split into permanent ones and those the next crawl retries.
     */
    static String summary(StoreCounts c, long units, String unit, double seconds) {
        return String.format("photos %d, faces %d, no face %d, %s, duplicates skipped %d%s in %.1f s "
                        + "(%.1f %s/s, %.1f faces/s)", c.photos(), c.faces(), c.noFace(), failures(c), c.duplicates(),
                c.doNotCollect() > 0 ? ", do-not-collect skipped " + c.doNotCollect() : "",
                seconds, units / Math.max(seconds, 1e-9), unit, c.faces() / Math.max(seconds, 1e-9));
    }

    /** "failed 3" or, with transient failures, "failed 3 (1 for good, 2 to retry on the next crawl)". */
    static String failures(StoreCounts c) {
        return c.retryLater() == 0 ? "failed " + c.failed()
                : "failed " + c.failed() + " (" + (c.failed() - c.retryLater()) + " for good, " + c.retryLater()
                + " to retry on the next crawl)";
    }

    @Override
    public void close() {
        storage.close();
        pipeline.close();
        writerLock.close();
    }
}
