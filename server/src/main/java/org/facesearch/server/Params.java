package org.facesearch.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.facesearch.search.SearchParams;

/** Integer query parameters with a default and bounds; a bad value is a 400 naming the parameter. */
final class Params {
    private Params() {
    }

    static int intParam(Context ctx, String name, int defaultValue, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return Math.min(defaultValue, max);
        return bounded(name, raw, max);
    }

    private static int bounded(String name, String raw, int max) {
        int value = whole(name, raw);
        if (value < 1 || value > max) throw ApiException.badRequest(name + " must be between 1 and " + max + ", got " + value);
        return value;
    }

    /** {@code top} and {@code nprobe} as given (null or blank: the server's defaults), checked by {@link SearchParams}. */
    static SearchParams search(String top, String nprobe, ServerSettings settings) {
        try {
            return new SearchParams(top == null || top.isBlank() ? settings.defaultTop() : whole("top", top),
                    nprobe == null || nprobe.isBlank() ? settings.defaultNprobe() : whole("nprobe", nprobe));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static int whole(String name, String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, got '" + raw + "'");
        }
    }

    /**
     * The JSON body as {@code type}: above {@link FaceServer#MAX_JSON_BODY} (declared or read) a 413, a body that
     * does not parse a 400 saying what was {@code expected}.
     */
    static <T> T jsonBody(Context ctx, Class<T> type, String expected) {
        if (ctx.contentLength() > FaceServer.MAX_JSON_BODY) {
            UnreadBody.discard(ctx);
            throw jsonTooLarge();
        }
        try {
            return ctx.bodyAsClass(type);
        } catch (HttpResponseException e) {  // the body is above the limit (read or declared)
            throw e.getStatus() == 413 ? jsonTooLarge() : e;
        } catch (Exception e) {  // Jackson's checked exceptions arrive undeclared through Kotlin
            throw ApiException.badRequest("expected JSON " + expected);
        }
    }

    private static ApiException jsonTooLarge() {
        return new ApiException(413, "the request body is larger than " + FaceServer.MAX_JSON_BODY + " bytes");
    }

    static long pathId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id must be a number, got '" + ctx.pathParam("id") + "'");
        }
    }
}
