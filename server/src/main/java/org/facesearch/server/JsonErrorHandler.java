package org.facesearch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as JSON {@code {"error": "..."}}: those it sends before any route runs (a URI or headers
 * too long: 414, 431; a request it cannot parse or decode: 400) would otherwise be HTML pages, which an API client
 * cannot read. The message is Jetty's reason, or the status's standard phrase; never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Errors found while parsing the request, before there is a request to hand to a handler. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static byte[] body(int status, String reason) {
        String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        try {
            return JSON.writeValueAsBytes(FaceServer.error(message));
        } catch (JsonProcessingException e) {
            return "{\"error\": \"error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
