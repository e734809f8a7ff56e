package org.facesearch.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * A "lingering close" for refusals sent before the request body was read (a 413 on a declared length, a busy
 * 503): HTTP/1.1 has the server answer and close while the client may still be sending, and a client that is
 * still writing then sees a reset or a closed connection instead of the answer. Reading and dropping the body
 * first lets the answer arrive and keeps the connection usable. Bodies declared larger than {@link #LIMIT} are not
 * read (their clients may see the reset): reading them would let anyone hold a thread for as long as they like.
 */
final class UnreadBody {
    /** The largest declared body read and dropped before a refusal. */
    static final long LIMIT = 32L << 20;

    private UnreadBody() {
    }

    /** Reads and drops the request body when it declares at most {@link #LIMIT} bytes. */
    static void discard(Context ctx) {
        if (ctx.req().getContentLengthLong() > LIMIT) return;
        try (InputStream in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away or sent less than it declared: the refusal is still the answer
        }
    }
}
