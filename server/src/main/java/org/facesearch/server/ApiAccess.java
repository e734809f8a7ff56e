package org.facesearch.server;

import io.javalin.http.Context;
import java.util.Optional;
import org.facesearch.store.keys.ApiKeys;
import org.jooq.DSLContext;

/**
 * Who may call what: a request names its key in the {@code X-API-Key} header; admin routes (delete, forget) always
 * need an admin key, search routes need a key (admin or search) only when {@code http.require-key} is on. No key
 * where one is needed, or a key that is unknown or revoked, is 401; a valid key without the role is 403. The key
 * is looked up by its SHA-256 on every request (a revoke takes effect at once) and never logged or echoed.
 */
final class ApiAccess {
    static final String HEADER = "X-API-Key";

    private final DSLContext db;
    private final boolean requireKeyForSearch;

    ApiAccess(DSLContext db, boolean requireKeyForSearch) {
        this.db = db;
        this.requireKeyForSearch = requireKeyForSearch;
    }

    /** Lets the request through to a search route, or throws 401. */
    void search(Context ctx) {
        Optional<ApiKeys.Role> role = role(ctx);
        if (role.isEmpty() && requireKeyForSearch) {
            throw new ApiException(401, "this server requires an API key: send it in the " + HEADER + " header");
        }
    }

    /** Lets the request through to an admin route, or throws 401 / 403. */
    void admin(Context ctx) {
        ApiKeys.Role role = role(ctx).orElseThrow(() ->
                new ApiException(401, "an admin API key is required: send it in the " + HEADER + " header"));
        if (role != ApiKeys.Role.ADMIN) {
            throw new ApiException(403, "this key has the role '" + role.column() + "'; this needs an admin key");
        }
    }

    /** The role of the request's key; empty when it sends none; 401 when it sends one that is not valid. */
    private Optional<ApiKeys.Role> role(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null || key.isBlank()) return Optional.empty();
        return Optional.of(ApiKeys.roleOf(db, key.strip())
                .orElseThrow(() -> new ApiException(401, "the API key is unknown or revoked")));
    }
}
