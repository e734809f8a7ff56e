package org.facesearch.server;

/**
 * A request the server refuses with a given HTTP status and a message meant for the caller; the server writes
 * it as {@code {"error": "..."}}. Thrown by handlers and by the classes they call with client input.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
