package org.facesearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.facesearch.store.faces.FaceCatalog;
import org.facesearch.store.faces.FaceCatalog.StoredFace;
import org.facesearch.vector.Neighbor;
import org.jooq.DSLContext;

/**
 * Turns the face ids a scan found into {@link FaceMatch}es, described by {@link FaceCatalog#faces} (one query for
 * the winners only: 10 rows, not the cluster).
 */
public final class FaceMatches {
    private FaceMatches() {
    }

    /** The matches for {@code neighbors} (squared L2 distances), in their order. */
    public static List<FaceMatch> describe(DSLContext db, List<Neighbor> neighbors) {
        if (neighbors.isEmpty()) {
            return List.of();
        }
        Map<Long, StoredFace> rows = new FaceCatalog(db).faces(neighbors.stream().map(Neighbor::id).toList());
        List<FaceMatch> matches = new ArrayList<>(neighbors.size());
        for (Neighbor n : neighbors) {
            StoredFace r = rows.get(n.id());
            if (r == null) {
                continue;  // deleted since the scan
            }
            double squared = n.distance();
            matches.add(new FaceMatch(matches.size() + 1, n.id(), Math.sqrt(squared), 1 - squared / 2,
                    r.name(), r.link(), r.photoUrl()));
        }
        return matches;
    }
}
