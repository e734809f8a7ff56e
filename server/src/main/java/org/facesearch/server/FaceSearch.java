package org.facesearch.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.facesearch.faces.DetectedFace;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.faces.FacePipeline;
import org.facesearch.index.FaceIndex;
import org.facesearch.index.LiveIndex;
import org.facesearch.search.FaceMatch;
import org.facesearch.search.FaceMatches;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.facesearch.vector.Box;
import org.facesearch.search.SearchParams;

/**
 * The searches the API offers: a photo (every face found, each with its nearest stored faces) and a bare vector.
 * Neighbours come from the in-memory index; what they are (name, link, photo) from {@link FaceMatches}, the
 * same description the command-line search prints.
 *
 * <p>Distances: the index ranks by squared L2 between unit vectors, {@code d² = 2 - 2·cos}; a match reports the
 * L2 {@code distance} ({@code d}, 0..2) and the cosine {@code similarity} ({@code 1 - d²/2}, 1 for the same vector).
 * A photo's faces are described in one query per face (10 rows by primary key each).
 */
public final class FaceSearch {
    private final FacePipeline pipeline;
    private final EmbedderModel embedder;
    private final String model;
    private final int dimension;
    private final LiveIndex index;
    private final DSLContext db;
    private final long maxPixels;

    /** @param maxPixels the largest photo decoded; a bigger one is refused with 413 from its header alone */
    public FaceSearch(FacePipeline pipeline, LiveIndex index, DSLContext db, long maxPixels) {
        this.pipeline = pipeline;
        this.embedder = pipeline.model();
        this.model = pipeline.model().id();
        this.dimension = pipeline.model().dimensions();
        this.index = index;
        this.db = db;
        this.maxPixels = maxPixels;
    }

    /**
     * A match as the API shows it: {@link FaceMatch} (rank, distance, similarity, name, link, photo), the server
     * path of the face's thumbnail, and whether the similarity reaches the model's same-person threshold.
     */
    public record Match(int rank, long faceId, String name, String link, String photoUrl, String thumbnailUrl,
                        double distance, double similarity, boolean samePerson) {
        static Match of(FaceMatch m, EmbedderModel model) {
            return new Match(m.rank(), m.faceId(), m.name(), m.link(), m.photoUrl(), Urls.thumbnail(m.faceId()),
                    m.distance(), m.similarity(), model.samePerson(m.similarity()));
        }
    }

    /**
     * One face of the photo: its box, detector score, matches, the same-person threshold they were judged
     * against, and whether any match reached it (if none did, no one stored is likely this person).
     */
    public record FaceResult(Box box, float score, float threshold, boolean samePersonFound, List<Match> matches) {
        static FaceResult of(Box box, float score, EmbedderModel model, List<Match> matches) {
            return new FaceResult(box, score, model.samePersonThreshold(), matches.stream().anyMatch(Match::samePerson), matches);
        }
    }

    /** {@code facesFound} counts every detected face; {@code faces} holds the {@code maxFaces} strongest detections. */
    public record PhotoResult(String model, int facesFound, List<FaceResult> faces, long indexedFaces) {
    }

    public record VectorResult(String model, float threshold, List<Match> matches) {
    }

    /** Each face of the photo with its matches; {@code timing} gets the analysis, index and description times. */
    PhotoResult searchPhoto(byte[] image, SearchParams params, int maxFaces, ServerTiming timing) {
        List<DetectedFace> found = timing.time(ServerTiming.ANALYZE, () -> analyze(image));
        List<DetectedFace> searched = found.subList(0, Math.min(maxFaces, found.size()));
        List<List<Neighbor>> hits = new ArrayList<>();
        for (DetectedFace face : searched) {
            hits.add(timing.time(ServerTiming.INDEX, () -> nearest(face.vector(), params)));
        }
        List<FaceResult> faces = new ArrayList<>();
        for (int i = 0; i < searched.size(); i++) {
            DetectedFace f = searched.get(i);
            List<Neighbor> faceHits = hits.get(i);
            faces.add(FaceResult.of(f.box(), f.score(), embedder, timing.time(ServerTiming.DESCRIBE, () -> matches(faceHits))));
        }
        return new PhotoResult(model, found.size(), faces, index.current().size());
    }

    /** The face pipeline queries go through (blends find faces with it too). */
    FacePipeline pipeline() {
        return pipeline;
    }

    /** The {@code top} nearest stored faces (squared L2) of every face found in the photo, strongest face first. */
    public List<List<Neighbor>> nearestOfEachFace(byte[] image, SearchParams params) {
        List<List<Neighbor>> hits = new ArrayList<>();
        for (DetectedFace face : analyze(image)) {
            hits.add(nearest(face.vector(), params));
        }
        return hits;
    }

    /** The nearest faces in the current snapshot, an automatic nprobe resolved against that snapshot's lists. */
    private List<Neighbor> nearest(float[] query, SearchParams params) {
        FaceIndex snapshot = index.current();
        return snapshot.search(model, query, params.top(), params.nprobeFor(snapshot.clusters()));
    }

    /** The faces found in the photo, strongest detection first; an undecodable photo is a 415, a huge one a 413. */
    private List<DetectedFace> analyze(byte[] image) {
        List<DetectedFace> found = new ArrayList<>(pipeline.analyze(UploadedImages.decode(image, maxPixels)));
        found.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        return found;
    }

    /** The cosine similarity from which two faces of the served model are likely the same person. */
    public float samePersonThreshold() {
        return embedder.samePersonThreshold();
    }

    /** The matches of a bare vector; {@code timing} gets the index and description times. */
    VectorResult searchVector(float[] vector, SearchParams params, ServerTiming timing) {
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
        List<Neighbor> hits = timing.time(ServerTiming.INDEX, () -> nearest(query, params));
        return new VectorResult(model, embedder.samePersonThreshold(), timing.time(ServerTiming.DESCRIBE, () -> matches(hits)));
    }

    /** Hits described by one catalog query; a face deleted since the index loaded is left out. */
    private List<Match> matches(List<Neighbor> hits) {
        return FaceMatches.describe(db, hits).stream().map(m -> Match.of(m, embedder)).toList();
    }
}
