package org.facesearch.server;

import io.javalin.http.Context;
import java.util.List;
import org.facesearch.search.SearchParams;

/**
 * {@code POST /api/search} (a photo) and {@code POST /api/search/vector} (a vector): parameters checked and
 * bounded, the photo read through the {@link UploadGate} so that uploads in flight stay bounded. Each answer says
 * where its time went in a {@link ServerTiming} header.
 */
final class SearchRoutes {
    private final FaceSearch search;
    private final PhotoUpload upload;
    private final UploadGate gate;
    private final ServerSettings settings;
    private final ApiAccess access;

    SearchRoutes(FaceSearch search, ServerSettings settings, ApiAccess access, UploadGate gate) {
        this.search = search;
        this.settings = settings;
        this.access = access;
        this.upload = new PhotoUpload(settings.maxUploadBytes());
        this.gate = gate;
    }

    void photo(Context ctx) {
        ServerTiming timing = new ServerTiming();
        FaceSearch.PhotoResult result = gate.run(ctx, () -> {
            // The body is read before the parameters are checked: a 400 sent while the client is still sending
            // its photo makes the server close the connection, and the client sees a reset instead of the 400.
            byte[] photo = upload.read(ctx);
            access.search(ctx);
            SearchParams params = Params.search(ctx.queryParam("top"), ctx.queryParam("nprobe"), settings);
            int maxFaces = Params.intParam(ctx, "maxFaces", settings.defaultMaxFaces(), ServerSettings.MAX_FACES);
            return search.searchPhoto(photo, params, maxFaces, timing);
        });
        ctx.header(ServerTiming.HEADER, timing.header()).json(result);
    }

    /** The body of {@code POST /api/search/vector}; {@code top} and {@code nprobe} are optional. */
    record VectorRequest(List<Float> vector, Integer top, Integer nprobe) {
    }

    void vector(Context ctx) {
        access.search(ctx);
        VectorRequest request = Params.jsonBody(ctx, VectorRequest.class, "{\"vector\": [numbers], \"top\": n, \"nprobe\": n}");
        if (request == null || request.vector() == null || request.vector().isEmpty()) {
            throw ApiException.badRequest("the body needs a non-empty \"vector\"");
        }
        SearchParams params = Params.search(request.top() == null ? null : request.top().toString(),
                request.nprobe() == null ? null : request.nprobe().toString(), settings);
        float[] vector = new float[request.vector().size()];
        for (int i = 0; i < vector.length; i++) {
            Float x = request.vector().get(i);
            if (x == null || !Float.isFinite(x)) throw ApiException.badRequest("vector[" + i + "] is not a finite number");
            vector[i] = x;
        }
        ServerTiming timing = new ServerTiming();
        FaceSearch.VectorResult result = search.searchVector(vector, params, timing);
        ctx.header(ServerTiming.HEADER, timing.header()).json(result);
    }
}
