package org.facesearch.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check ({@code HEALTHCHECK} in the Dockerfile): exits 0 when the URL answers 200, else 1.
 * A Java program because the JRE image has no curl; it is only ever pointed at the container's own server.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    public static void main(String[] args) {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(4)).build(),
                    HttpResponse.BodyHandlers.discarding());
            System.exit(r.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
