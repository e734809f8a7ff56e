package org.facesearch.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.FacePipeline;
import org.facesearch.faces.UnreadableImageException;
import org.facesearch.index.LiveIndex;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.VectorCodec;

/**
 * The searches the API offers: a photo (every face found, each with its nearest stored faces) and a bare vector.
 * Neighbours come from the in-memory index; what they are (name, link, photo) from one catalog query per
 * request for all hits together.
 *
 * <p>Distances: the index ranks by squared L2 between unit vectors, {@code d² = 2 - 2·cos}; a match reports the
 * L2 {@code distance} ({@code d}, 0..2) and the cosine {@code similarity} ({@code 1 - d²/2}, 1 for the same vector).
 */
public final class FaceSearch {
    private final FacePipeline pipeline;
    private final String model;
    private final int dimension;
    private final LiveIndex index;
    private final FaceCatalog catalog;

    public FaceSearch(FacePipeline pipeline, LiveIndex index, FaceCatalog catalog) {
        this.pipeline = pipeline;
        this.model = pipeline.model().id();
        this.dimension = pipeline.model().dimensions();
        this.index = index;
        this.catalog = catalog;
    }

    public record Match(long faceId, long profileId, String name, String source, String profileUrl, String photoUrl,
                        String thumbnailUrl, float distance, float similarity) {
    }

    public record FaceResult(Box box, float score, List<Match> matches) {
    }

    /** {@code facesFound} counts every detected face; {@code faces} holds the {@code maxFaces} strongest detections. */
    public record PhotoResult(String model, int facesFound, List<FaceResult> faces, long indexedFaces) {
    }

    public record VectorResult(String model, List<Match> matches) {
    }

    public PhotoResult searchPhoto(byte[] image, int top, int nprobe, int maxFaces) {
        List<DetectedFace> found;
        try {
            found = new ArrayList<>(pipeline.analyze(image));
        } catch (UnreadableImageException e) {
            throw new ApiException(415, "the photo cannot be decoded: " + e.getMessage());
        }
        found.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> searched = found.subList(0, Math.min(maxFaces, found.size()));
        List<List<Neighbor>> hits = new ArrayList<>();
        for (DetectedFace face : searched) {
            hits.add(index.search(model, face.vector(), top, nprobe));
        }
        Map<Long, FaceCatalog.StoredFace> stored = catalog.faces(ids(hits));
        List<FaceResult> faces = new ArrayList<>();
        for (int i = 0; i < searched.size(); i++) {
            DetectedFace f = searched.get(i);
            faces.add(new FaceResult(new Box(f.x(), f.y(), f.width(), f.height()), f.score(), matches(hits.get(i), stored)));
        }
        return new PhotoResult(model, found.size(), faces, index.current().size());
    }

    public VectorResult searchVector(float[] vector, int top, int nprobe) {
        if (vector.length != dimension) {
            throw ApiException.badRequest("the vector has " + vector.length + " dimensions; model " + model
                    + " has " + dimension);
        }
        float[] query;
        try {
            query = VectorCodec.normalize(vector.clone());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<Neighbor> hits = index.search(model, query, top, nprobe);
        return new VectorResult(model, matches(hits, catalog.faces(ids(List.of(hits)))));
    }

    private static Set<Long> ids(List<List<Neighbor>> hits) {
        Set<Long> ids = new LinkedHashSet<>();
        hits.forEach(list -> list.forEach(n -> ids.add(n.id())));
        return ids;
    }

    /** Hits turned into matches; a hit whose face was deleted since the index loaded is left out. */
    private static List<Match> matches(List<Neighbor> hits, Map<Long, FaceCatalog.StoredFace> stored) {
        List<Match> matches = new ArrayList<>();
        for (Neighbor n : hits) {
            FaceCatalog.StoredFace f = stored.get(n.id());
            if (f == null) continue;
            float squared = Math.max(0, n.distance());
            matches.add(new Match(f.id(), f.profileId(), f.name(), f.source(), f.profileUrl(), f.photoUrl(),
                    Urls.thumbnail(f.id()), (float) Math.sqrt(squared), 1 - squared / 2));
        }
        return matches;
    }
}
