package org.facesearch.server;

import io.javalin.http.Context;

/**
 * {@code POST /api/blend}: the blended face of a query face and a match, as a PNG. The query face is either a
 * stored face ({@code faceId}) or face number {@code face} of the photo in the body, read like a search upload
 * (through an {@link UploadGate} of its own, as comparisons have: a blend analyses two photos). The response says how long the blend
 * took in a {@code Server-Timing} header.
 */
final class BlendRoutes {
    private static final int MAX_FACE_NUMBER = ServerSettings.MAX_FACES;

    private final FaceBlends blends;
    private final PhotoUpload upload;
    private final UploadGate gate;

    BlendRoutes(FaceBlends blends, ServerSettings settings) {
        this.blends = blends;
        this.upload = new PhotoUpload(settings.maxUploadBytes());
        this.gate = new UploadGate(settings.maxConcurrentUploads());
    }

    void blend(Context ctx) {
        ServerTiming timing = new ServerTiming();
        byte[] png = timing.time(ServerTiming.BLEND, () -> gate.run(ctx, () -> {
            String faceId = ctx.queryParam("faceId");
            byte[] photo = faceId == null ? upload.read(ctx) : null;   // read before checking parameters, as in SearchRoutes
            long match = id(ctx, "match");
            if (faceId != null) return blends.ofStored(id(ctx, "faceId"), match);
            return blends.ofUpload(photo, Params.intParam(ctx, "face", 1, MAX_FACE_NUMBER), match);
        }));
        ctx.header(ServerTiming.HEADER, timing.header()).contentType("image/png").result(png);
    }

    private static long id(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) throw ApiException.badRequest("the query parameter " + name + " (a stored face id) is required");
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a face id (a whole number), got '" + raw + "'");
        }
    }
}
