package org.facesearch.server;

import io.javalin.http.Context;

/** Integer query parameters with a default and bounds; a bad value is a 400 naming the parameter. */
final class Params {
    private Params() {
    }

    static int intParam(Context ctx, String name, int defaultValue, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return Math.min(defaultValue, max);
        return bounded(name, raw, max);
    }

    static int bounded(String name, String raw, int max) {
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, got '" + raw + "'");
        }
        if (value < 1 || value > max) throw ApiException.badRequest(name + " must be between 1 and " + max + ", got " + value);
        return value;
    }

    static long pathId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id must be a number, got '" + ctx.pathParam("id") + "'");
        }
    }
}
