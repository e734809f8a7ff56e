package org.facesearch.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.vector.Neighbor;
import org.jooq.DSLContext;

/**
 * The stored profiles that are likely the person in a photo, for a forget by photo to list before it removes
 * anything: the nearest faces of each face found, kept when their cosine similarity reaches the threshold
 * ({@code forget.min-similarity}; faceres measured: strangers 0.41 on average, 95th percentile 0.54, the same
 * person 0.79, 5th percentile 0.67), grouped by profile, most similar first. A person reviews the list: the
 * threshold only decides what is shown.
 */
public final class SamePerson {
    /** Nearest faces looked at per face of the photo. */
    public static final int NEIGHBORS = SearchParams.MAX_TOP;

    private SamePerson() {
    }

    /** A stored face and its cosine similarity to a face of the photo. */
    public record Face(long faceId, double similarity) {
    }

    /** A profile and its faces that passed the threshold, best first. */
    public record Candidate(FaceCatalog.Profile profile, List<Face> faces) {
        public double bestSimilarity() {
            return faces.getFirst().similarity();
        }
    }

    /** The candidates among {@code nearest} (one list of squared L2 neighbours per face of the photo). */
    public static List<Candidate> candidates(DSLContext db, List<List<Neighbor>> nearest, double minSimilarity) {
        Map<Long, Double> best = new HashMap<>();
        for (List<Neighbor> hits : nearest) {
            for (Neighbor n : hits) {
                double similarity = 1 - n.distance() / 2.0;
                if (similarity >= minSimilarity) best.merge(n.id(), similarity, Math::max);
            }
        }
        FaceCatalog catalog = new FaceCatalog(db);
        Map<Long, List<Face>> byProfile = new LinkedHashMap<>();
        catalog.faces(best.keySet()).values().stream()
                .sorted(Comparator.comparingDouble((FaceCatalog.StoredFace f) -> -best.get(f.id())))
                .forEach(f -> byProfile.computeIfAbsent(f.profileId(), p -> new ArrayList<>())
                        .add(new Face(f.id(), best.get(f.id()))));
        List<Candidate> candidates = new ArrayList<>();
        byProfile.forEach((profileId, faces) -> catalog.profile(profileId)
                .ifPresent(p -> candidates.add(new Candidate(p, faces))));
        return candidates;
    }
}
