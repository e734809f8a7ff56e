package org.facesearch.server;

import java.util.Comparator;
import java.util.List;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.SamePersonVerdict;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.vector.Box;

/**
 * {@code POST /api/compare}: one-to-one verification. Two photos, or a photo and a stored face: the similarity
 * of the largest face of each photo (or the one chosen, by size) against the model's calibrated same-person
 * threshold ({@link SamePersonVerdict}). A stored face of another model cannot be compared (vectors of
 * different models never mix).
 */
public final class FaceComparison {
    private final FacePipeline pipeline;
    private final EmbedderModel model;
    private final FaceCatalog catalog;
    private final long maxPixels;

    /** @param maxPixels the largest photo decoded; a bigger one is refused with 413 from its header alone */
    public FaceComparison(FacePipeline pipeline, FaceCatalog catalog, long maxPixels) {
        this.pipeline = pipeline;
        this.model = pipeline.model();
        this.catalog = catalog;
        this.maxPixels = maxPixels;
    }

    /** One side of a comparison: the face used (box, its rank by size, how many the photo has) or the stored face's id. */
    public record Side(Box box, Integer face, Integer facesFound, Long faceId) {
    }

    public record Result(String model, double similarity, float threshold, boolean samePerson, Side a, Side b) {
    }

    public Result photos(byte[] a, int faceA, byte[] b, int faceB) {
        Chosen ca = choose(a, faceA, "a"), cb = choose(b, faceB, "b");
        return result(ca.vector(), ca.side(), cb.vector(), cb.side());
    }

    public Result photoAndStoredFace(byte[] a, int faceA, long faceId) {
        Chosen ca = choose(a, faceA, "a");
        FaceCatalog.StoredVector stored = catalog.vector(faceId).orElseThrow(() -> ApiException.notFound("no face " + faceId));
        if (!stored.model().equals(model.id())) {
            throw ApiException.badRequest("face " + faceId + " was embedded by " + stored.model() + "; this server compares " + model.id());
        }
        return result(ca.vector(), ca.side(), stored.vector(), new Side(null, null, null, faceId));
    }

    private Result result(float[] a, Side sideA, float[] b, Side sideB) {
        SamePersonVerdict v = SamePersonVerdict.of(model, a, b);
        return new Result(model.id(), v.similarity(), v.threshold(), v.samePerson(), sideA, sideB);
    }

    private record Chosen(float[] vector, Side side) {
    }

    /** Face {@code n} (1 = the largest) of the photo sent as {@code field}. */
    private Chosen choose(byte[] photo, int n, String field) {
        List<DetectedFace> faces = facesIn(photo);
        if (faces.isEmpty()) throw new ApiException(422, "no face found in photo " + field + ", nothing to compare");
        if (n > faces.size()) {
            throw ApiException.badRequest("face " + n + " of photo " + field + " asked for; it has " + faces.size() + (faces.size() == 1 ? " face" : " faces"));
        }
        DetectedFace f = faces.get(n - 1);
        return new Chosen(f.vector(), new Side(f.box(), n, faces.size(), null));
    }

    /** The photo's faces, largest first. */
    private List<DetectedFace> facesIn(byte[] photo) {
        return pipeline.analyze(UploadedImages.decode(photo, maxPixels)).stream()
                .sorted(Comparator.comparingDouble((DetectedFace f) -> f.box().width() * f.box().height()).reversed()).toList();
    }
}
