package org.facesearch.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Photo bytes in, faces with vectors out: decode ({@link ImageDecoder}) -> detect ({@link BlazeFaceDetector},
 * each box confirmed a human face by {@link FaceMeshCheck}) -> crop/align ({@link FaceCrop}) -> embed
 * ({@link FaceEmbedder}).
 *
 * <p>Open one per process and share it: loading costs ~1 s, and {@link #analyze} is thread-safe (TensorFlow
 * sessions run concurrent calls; everything else is per call). No face is a normal outcome: an empty list.
 */
public final class FacePipeline implements AutoCloseable {

    private final EmbedderModel model;
    private final TfGraphModel detectorGraph, meshGraph, embedderGraph;
    private final BlazeFaceDetector detector;
    private final FaceEmbedder embedder;

    private FacePipeline(EmbedderModel model, TfGraphModel detectorGraph, TfGraphModel meshGraph, TfGraphModel embedderGraph) {
        this.model = model;
        this.detectorGraph = detectorGraph;
        this.meshGraph = meshGraph;
        this.embedderGraph = embedderGraph;
        this.detector = new BlazeFaceDetector(detectorGraph, new FaceMeshCheck(meshGraph), BlazeFaceDetector.TILE);
        this.embedder = new FaceEmbedder(embedderGraph, model);
    }

    /** Opens the pipeline with models cached under {@code modelsDir}, fetching them once if needed (progress on stderr). */
    public static FacePipeline open(Path modelsDir, EmbedderModel model) throws ModelUnavailableException {
        return open(modelsDir, model, System.err::println);
    }

    /** @param progress receives a line per slow first-use step (model fetch and conversion) */
    public static FacePipeline open(Path modelsDir, EmbedderModel model, Consumer<String> progress) throws ModelUnavailableException {
        ModelStore store = ModelStore.at(modelsDir, progress);
        var detectorDef = store.graph(BlazeFaceDetector.MODEL_NAME);   // fetches all models at once if the cache is empty
        // the embedder graph is read, checked and imported in parallel with the detector: start-up time matters for the CLI
        var embedderGraph = CompletableFuture.supplyAsync(() -> load(store, model.fileName()));
        TfGraphModel det = null, mesh = null;
        try {
            det = new TfGraphModel(detectorDef);
            mesh = new TfGraphModel(store.graph(FaceMeshCheck.MODEL_NAME));
            return new FacePipeline(model, det, mesh, embedderGraph.join());
        } catch (ModelUnavailableException | RuntimeException e) {
            if (det != null) det.close();
            if (mesh != null) mesh.close();
            embedderGraph.thenAccept(TfGraphModel::close);
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof UncheckedModelException u) throw u.getCause();
            if (cause instanceof ModelUnavailableException m) throw m;
            throw (RuntimeException) e;
        }
    }

    private static TfGraphModel load(ModelStore store, String name) {
        try {
            return new TfGraphModel(store.graph(name));
        } catch (ModelUnavailableException e) {
            throw new UncheckedModelException(e);
        }
    }

    /** Carries a {@link ModelUnavailableException} out of the loading thread. */
    private static final class UncheckedModelException extends RuntimeException {
        UncheckedModelException(ModelUnavailableException cause) {
            super(cause);
        }

        @Override
        public synchronized ModelUnavailableException getCause() {
            return (ModelUnavailableException) super.getCause();
        }
    }

    public EmbedderModel model() {
        return model;
    }

    /** All faces in an encoded photo (JPEG, PNG, ...). */
    public List<DetectedFace> analyze(byte[] photo) throws UnreadableImageException {
        return analyze(ImageDecoder.decode(photo));
    }

    /** All faces in a decoded, upright image. */
    public List<DetectedFace> analyze(RgbImage image) {
        List<Detection> found = detect(image);
        if (found.isEmpty()) return List.of();
        float[][] vectors = embedder.embed(image, found);
        List<DetectedFace> faces = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Detection d = found.get(i);
            faces.add(new DetectedFace(d.box(), d.score(), vectors[i], model.id()));
        }
        return faces;
    }

    /** Detection only (boxes, scores, keypoints), e.g. for drawing or timing. */
    public List<Detection> detect(RgbImage image) {
        return detector.detect(image);
    }

    /** Embeds given detections of {@code image}, batched (see {@link EmbedderModel}). */
    public float[][] embed(RgbImage image, List<Detection> faces) {
        return embedder.embed(image, faces);
    }

    @Override
    public void close() {
        embedderGraph.close();
        meshGraph.close();
        detectorGraph.close();
    }
}
