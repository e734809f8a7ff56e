package org.facesearch.search;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.facesearch.vector.Neighbor;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Turns the face ids a scan found into {@link FaceMatch}es: one query joining {@code face}, {@code photo} and
 * {@code profile} by primary key for the winners only (10 rows, not the cluster).
 */
public final class FaceMatches {
    private FaceMatches() {
    }

    /** The matches for {@code neighbors} (squared L2 distances), in their order. */
    public static List<FaceMatch> describe(DSLContext db, List<Neighbor> neighbors) {
        if (neighbors.isEmpty()) {
            return List.of();
        }
        Map<Long, Record> rows = db.select(FACE.ID, PROFILE.SOURCE, PROFILE.EXTERNAL_ID, PROFILE.DISPLAY_NAME,
                        PROFILE.PROFILE_URL, PHOTO.URL)
                .from(FACE).join(PHOTO).on(PHOTO.ID.eq(FACE.PHOTO_ID)).join(PROFILE).on(PROFILE.ID.eq(FACE.PROFILE_ID))
                .where(FACE.ID.in(neighbors.stream().map(Neighbor::id).toList()))
                .fetch().stream().collect(Collectors.toMap(r -> r.get(FACE.ID), r -> r));
        List<FaceMatch> matches = new ArrayList<>(neighbors.size());
        for (Neighbor n : neighbors) {
            Record r = rows.get(n.id());
            if (r == null) {
                continue;  // deleted since the scan
            }
            double squared = n.distance();
            matches.add(new FaceMatch(matches.size() + 1, n.id(), Math.sqrt(squared), 1 - squared / 2,
                    r.get(PROFILE.DISPLAY_NAME), link(r.get(PROFILE.SOURCE), r.get(PROFILE.EXTERNAL_ID), r.get(PROFILE.PROFILE_URL)),
                    r.get(PHOTO.URL)));
        }
        return matches;
    }

    static String link(String source, String externalId, String profileUrl) {
        if (profileUrl != null && !profileUrl.isBlank()) {
            return profileUrl;
        }
        return "vk".equals(source) ? "https://vk.com/id" + externalId : source + ":" + externalId;
    }
}
