package org.facesearch.cli;

import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.PipelineAnalyzer;
import org.facesearch.crawl.StoragePath;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.ModelUnavailableException;

/**
 * What {@code crawl} and {@code import} share: the storage path built from the configuration (the face pipeline
 * of {@code faces.model} with its models under {@code HOME/models}, cluster assignment with {@code cluster.cap} and
 * the recluster policy), closed together, and the summary both print at the end.
 */
final class StorageSetup implements AutoCloseable {
    private final FacePipeline pipeline;
    private final StoragePath storage;

    private StorageSetup(FacePipeline pipeline, StoragePath storage) {
        this.pipeline = pipeline;
        this.storage = storage;
    }

    static StorageSetup open(CliContext context, int analysisThreads) {
        EmbedderModel model = EmbedderModel.parse(context.config().get(ConfigKey.FACES_MODEL));
        FacePipeline pipeline;
        try {
            pipeline = FacePipeline.open(context.config().home().resolve("models"), model);
        } catch (ModelUnavailableException e) {
            throw new UserException(e.getMessage(), e);
        }
        try {
            return new StorageSetup(pipeline, new StoragePath(context.database().dsl(), new PipelineAnalyzer(pipeline),
                    ClustererHook.open(context), analysisThreads));
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    StoragePath storage() {
        return storage;
    }

    /** "photos .., faces .., ... in .. s (.. units/s, .. faces/s)" for {@code units} of work (profiles, photos). */
    static String summary(StoreCounts c, long units, String unit, double seconds) {
        return String.format("photos %d, faces %d, no face %d, failed %d, duplicates skipped %d%s in %.1f s "
                        + "(%.1f %s/s, %.1f faces/s)", c.photos(), c.faces(), c.noFace(), c.failed(), c.duplicates(),
                c.doNotCollect() > 0 ? ", do-not-collect skipped " + c.doNotCollect() : "",
                seconds, units / Math.max(seconds, 1e-9), unit, c.faces() / Math.max(seconds, 1e-9));
    }

    @Override
    public void close() {
        storage.close();
        pipeline.close();
    }
}
