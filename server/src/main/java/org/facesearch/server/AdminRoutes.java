package org.facesearch.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.facesearch.search.CodeFiles;
import org.facesearch.search.IndexKeeper;
import org.facesearch.search.SamePerson;
import org.facesearch.search.SearchParams;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.store.privacy.ProfileLookup;
import org.facesearch.vector.Neighbor;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin routes, each behind an admin key ({@link ApiAccess}): {@code DELETE /api/profiles/{id}} forgets one
 * profile; {@code POST /api/forget} takes a photo and lists the stored profiles that may be that person for
 * review, each marked same-person or look-alike ({@link SamePerson}; nothing is removed); {@code POST /api/forget/confirm} forgets the profiles the reviewer kept. A forget is one
 * transaction ({@link ProfileEraser}: rows, centroid sizes, do-not-collect list); then the cached thumbnails are
 * deleted and the faces leave this server's index at once (other servers drop them at their next refresh).
 */
final class AdminRoutes {
    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

    private final DSLContext db;
    private final FaceSearch search;
    private final IndexKeeper keeper;
    private final Path thumbnailDir;
    private final Path searchCacheDir;
    private final ServerSettings settings;
    private final ApiAccess access;
    private final PhotoUpload upload;
    private final UploadGate gate;

    AdminRoutes(DSLContext db, FaceSearch search, IndexKeeper keeper, Path thumbnailDir, Path searchCacheDir,
                ServerSettings settings, ApiAccess access, UploadGate gate) {
        this.db = db;
        this.search = search;
        this.keeper = keeper;
        this.thumbnailDir = thumbnailDir;
        this.searchCacheDir = searchCacheDir;
        this.settings = settings;
        this.access = access;
        this.upload = new PhotoUpload(settings.maxUploadBytes());
        this.gate = gate;
    }

    /** What a forget removed. */
    record Forgotten(List<String> profiles, int photos, int faces) {
    }

    /** A stored face of a candidate, with its similarity to the photo and its thumbnail. */
    record ReviewFace(long faceId, double similarity, String thumbnailUrl) {
    }

    record ReviewProfile(long id, String source, String externalId, String name, String profileUrl,
                         double bestSimilarity, boolean samePerson, List<ReviewFace> faces) {
    }

    /** The answer of {@code POST /api/forget}: the candidates, and how to confirm. */
    record Review(int facesFound, double minSimilarity, float threshold, List<ReviewProfile> profiles, String confirm) {
    }

    /** The body of {@code POST /api/forget/confirm}. */
    record Confirm(List<Long> profileIds) {
    }

    void deleteProfile(Context ctx) {
        access.admin(ctx);
        long id = Params.pathId(ctx);
        ProfileLookup.byId(db, id).orElseThrow(() -> ApiException.notFound("no profile " + id));
        ctx.json(forget(List.of(id)));
    }

    void review(Context ctx) {
        ctx.json(gate.run(ctx, () -> {
            byte[] photo = upload.read(ctx);  // read first: see SearchRoutes#photo
            access.admin(ctx);
            List<List<Neighbor>> nearest =
                    search.nearestOfEachFace(photo, new SearchParams(SamePerson.NEIGHBORS, settings.defaultNprobe()));
            List<ReviewProfile> profiles = SamePerson.candidates(db, nearest, settings.forgetMinSimilarity(),
                            search.samePersonThreshold()).stream()
                    .map(c -> new ReviewProfile(c.profile().id(), c.profile().source(), c.profile().externalId(),
                            c.profile().name(), c.profile().profileUrl(), c.bestSimilarity(), c.samePerson(),
                            c.faces().stream().map(f -> new ReviewFace(f.faceId(), f.similarity(),
                                    Urls.thumbnail(f.faceId()))).toList()))
                    .toList();
            return new Review(nearest.size(), settings.forgetMinSimilarity(), search.samePersonThreshold(), profiles,
                    "POST /api/forget/confirm with {\"profileIds\": [...]} (the ids of the profiles to forget)");
        }));
    }

    void confirm(Context ctx) {
        access.admin(ctx);
        Confirm request = Params.jsonBody(ctx, Confirm.class, "{\"profileIds\": [ids]}");
        if (request == null || request.profileIds() == null || request.profileIds().isEmpty()
                || request.profileIds().contains(null)) {
            throw ApiException.badRequest("the body needs a non-empty \"profileIds\" list");
        }
        ctx.json(forget(request.profileIds()));
    }

    private Forgotten forget(List<Long> profileIds) {
        ProfileEraser.Erased erased = ProfileEraser.erase(db, profileIds);
        keeper.index().remove(new HashSet<>(erased.faceIds()));
        try {
            Thumbnails.deleteOf(thumbnailDir, erased.faceIds());
        } catch (IOException e) {
            log.warn("forget: cached thumbnails under {} could not all be deleted: {}", thumbnailDir, e.toString());
        }
        try {
            CodeFiles.deleteAll(searchCacheDir);
        } catch (IOException e) {
            log.warn("forget: the search cache under {} could not be deleted: {}", searchCacheDir, e.toString());
        }
        log.info("forget: {} profile(s), {} photo(s), {} face(s) removed", erased.profiles().size(), erased.photos(),
                erased.faces());
        return new Forgotten(erased.profiles(), erased.photos(), erased.faces());
    }
}
