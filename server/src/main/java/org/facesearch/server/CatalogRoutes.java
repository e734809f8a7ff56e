package org.facesearch.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.search.IndexKeeper;
import org.facesearch.vector.Box;
import org.facesearch.store.faces.FaceCatalog;

/**
 * The read-only routes: a face, its thumbnail, the photo it is in, a profile, the statistics (with the upload
 * cap, which the page shows) and the health check. All but the health check follow the search routes' key rule
 * ({@link ApiAccess}).
 */
final class CatalogRoutes {
    private static final Logger log = LoggerFactory.getLogger(CatalogRoutes.class);

    private final FaceCatalog catalog;
    private final Thumbnails thumbnails;
    private final StoredPhotos photos;
    private final IndexKeeper keeper;
    private final long maxUploadBytes;
    private final ApiAccess access;

    CatalogRoutes(FaceCatalog catalog, Thumbnails thumbnails, StoredPhotos photos, IndexKeeper keeper, long maxUploadBytes,
                  ApiAccess access) {
        this.access = access;
        this.catalog = catalog;
        this.thumbnails = thumbnails;
        this.photos = photos;
        this.keeper = keeper;
        this.maxUploadBytes = maxUploadBytes;
    }

    record FaceView(long id, long profileId, long photoId, String name, String source, String profileUrl,
                    String photoUrl, String thumbnailUrl, String photo, String profile, Box box, float score, String model) {
        static FaceView of(FaceCatalog.StoredFace f) {
            return new FaceView(f.id(), f.profileId(), f.photoId(), f.name(), f.source(), f.profileUrl(), f.photoUrl(),
                    Urls.thumbnail(f.id()), Urls.photo(f.id()), Urls.profile(f.profileId()), f.box(), f.score(), f.model());
        }
    }

    record ProfileView(long id, String source, String externalId, String name, String profileUrl, String photoUrl,
                       String status, List<FaceView> faces) {
    }

    void face(Context ctx) {
        access.search(ctx);
        long id = Params.pathId(ctx);
        ctx.json(FaceView.of(catalog.face(id).orElseThrow(() -> ApiException.notFound("no face " + id))));
    }

    void thumbnail(Context ctx) {
        access.search(ctx);
        long id = Params.pathId(ctx);
        FaceCatalog.StoredFace face = catalog.face(id).orElseThrow(() -> ApiException.notFound("no face " + id));
        byte[] jpeg;
        try {
            jpeg = thumbnails.of(face);
        } catch (IOException | RuntimeException e) {
            log.warn("thumbnail of face {} from {}: {}", id, face.photoUrl(), e.toString());
            throw new ApiException(502, "the stored photo of face " + id + " cannot be read");
        }
        ctx.contentType("image/jpeg").header("Cache-Control", "private, max-age=86400").result(jpeg);
    }

    /** The whole stored photo a face is in, as stored (the page draws the face's box over it). */
    void photo(Context ctx) {
        access.search(ctx);
        long id = Params.pathId(ctx);
        FaceCatalog.StoredFace face = catalog.face(id).orElseThrow(() -> ApiException.notFound("no face " + id));
        byte[] bytes;
        try {
            bytes = photos.read(face);
        } catch (IOException | RuntimeException e) {
            log.warn("photo of face {} from {}: {}", id, face.photoUrl(), e.toString());
            throw new ApiException(502, "the stored photo of face " + id + " cannot be read");
        }
        ImageType type = ImageType.sniff(bytes).orElseThrow(() -> new ApiException(502, "the stored photo of face " + id + " is not an image"));
        ctx.contentType(type.mediaType()).header("Cache-Control", "private, max-age=86400").result(bytes);
    }

    void profile(Context ctx) {
        access.search(ctx);
        long id = Params.pathId(ctx);
        FaceCatalog.Profile p = catalog.profile(id).orElseThrow(() -> ApiException.notFound("no profile " + id));
        List<FaceView> faces = catalog.facesOfProfile(id).stream().map(FaceView::of).toList();
        ctx.json(new ProfileView(p.id(), p.source(), p.externalId(), p.name(), p.profileUrl(), p.photoUrl(), p.status(), faces));
    }

    void stats(Context ctx) {
        access.search(ctx);
        var index = keeper.index().current();
        var fresh = keeper.freshness();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", index.modelId());
        body.put("dimension", index.dimension());
        body.put("faces", index.size());
        body.put("profiles", catalog.profileCount());
        body.put("clusters", index.clusters());
        body.put("clusteringId", fresh.clusteringId());
        body.put("indexBytes", index.bytes());
        body.put("lastFaceId", fresh.lastFaceId());
        body.put("indexLoadedAt", fresh.loadedAt().toString());
        body.put("indexCheckedAt", fresh.checkedAt().toString());
        body.put("maxUploadBytes", maxUploadBytes);
        ctx.json(body);
    }

    void health(Context ctx) {
        try {
            catalog.ping();
            ctx.json(Map.of("status", "ok", "faces", keeper.index().current().size()));
        } catch (RuntimeException e) {
            ctx.status(503).json(Map.of("status", "database unavailable", "error", String.valueOf(e.getMessage())));
        }
    }
}
