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
 * The stored profiles that may be the person in a photo, for a forget by photo to list before it removes anything:
 * the nearest faces of each face found, kept from the review floor on ({@code forget.min-similarity}), grouped by
 * profile, most similar first, each marked {@link Candidate#samePerson()} when its best face reaches the model's
 * calibrated same-person threshold ({@code EmbedderModel#samePersonThreshold}, a false-match rate of 0.1%). The
 * floor sits below the threshold on purpose: some photos of the same person score under it (faceres: the same
 * person 0.79 on average, 5th percentile 0.67; threshold 0.732), and a reviewer should see them.
 */
public final class SamePerson {
    /** Nearest faces looked at per face of the photo. */
    public static final int NEIGHBORS = SearchParams.MAX_TOP;

    private SamePerson() {
    }

    /** A stored face and its cosine similarity to a face of the photo. */
    public record Face(long faceId, double similarity) {
    }

    /** A profile, its faces from the floor up (best first), and whether the best reaches the same-person threshold. */
    public record Candidate(FaceCatalog.Profile profile, List<Face> faces, boolean samePerson) {
        public double bestSimilarity() {
            return faces.getFirst().similarity();
        }
    }

    /**
     * The candidates among {@code nearest} (one list of squared L2 neighbours per face of the photo): faces from
     * {@code floor} up, a profile marked same-person from {@code threshold} up.
     */
    public static List<Candidate> candidates(DSLContext db, List<List<Neighbor>> nearest, double floor, double threshold) {
        Map<Long, Double> best = new HashMap<>();
        for (List<Neighbor> hits : nearest) {
            for (Neighbor n : hits) {
                double similarity = 1 - n.distance() / 2.0;
                if (similarity >= floor) best.merge(n.id(), similarity, Math::max);
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
                .ifPresent(p -> candidates.add(new Candidate(p, faces, faces.getFirst().similarity() >= threshold))));
        return candidates;
    }
}
