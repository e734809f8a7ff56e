package org.facesearch.server;

import io.javalin.http.Context;

/**
 * {@code POST /api/compare}: multipart file fields {@code a} and {@code b} (two photos), or {@code a} and a
 * {@code faceId} (form field or query parameter) of a stored face; {@code faceA}/{@code faceB} choose a face by
 * size (1 = the largest, the default). Photos go through the {@link UploadGate} like searches, and the key rule
 * is the search routes' ({@link ApiAccess}).
 */
final class CompareRoutes {
    private final FaceComparison comparison;
    private final PhotoUpload upload;
    private final UploadGate gate;
    private final ApiAccess access;

    CompareRoutes(FaceComparison comparison, ServerSettings settings, ApiAccess access) {
        this.comparison = comparison;
        this.access = access;
        this.upload = new PhotoUpload(settings.maxUploadBytes());
        this.gate = new UploadGate(settings.maxConcurrentUploads());
    }

    void compare(Context ctx) {
        ctx.json(gate.run(ctx, () -> {
            byte[] a = upload.readPart(ctx, "a"), b = upload.readPart(ctx, "b");
            access.search(ctx);
            if (a == null) throw ApiException.badRequest("send photo a as the multipart file field 'a'");
            int faceA = Params.intParam(ctx, "faceA", 1, ServerSettings.MAX_FACES);
            String faceId = ctx.formParam("faceId") != null ? ctx.formParam("faceId") : ctx.queryParam("faceId");
            if (b != null && faceId != null) throw ApiException.badRequest("send either photo b or a faceId, not both");
            if (b != null) return comparison.photos(a, faceA, b, Params.intParam(ctx, "faceB", 1, ServerSettings.MAX_FACES));
            if (faceId == null) throw ApiException.badRequest("send photo b as the multipart file field 'b', or the faceId of a stored face");
            try {
                return comparison.photoAndStoredFace(a, faceA, Long.parseLong(faceId.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("faceId must be a number, got '" + faceId + "'");
            }
        }));
    }
}
