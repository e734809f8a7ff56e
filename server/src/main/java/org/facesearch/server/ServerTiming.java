package org.facesearch.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * How long each part of one request's work took, for the response's {@code Server-Timing} header (W3C Server Timing:
 * {@code name;dur=milliseconds}, parts joined by commas, in the order they first ran), which browsers' developer
 * tools show beside the request and which a client can read without parsing the body. A search reports
 * {@value #ANALYZE} (decoding the photo, finding and embedding its faces), {@value #INDEX} (the index search: the
 * centroid probe, the code scan and the exact re-rank) and {@value #DESCRIBE} (the database query that names the
 * matches), e.g. {@code index;dur=9.812, describe;dur=0.734}; so the index's own time can be told apart from HTTP,
 * JSON and the catalog (BENCHMARKS.md measures the index's p99 by it). A part that runs several times (the index
 * search of each face of a photo) adds up under its name. A blend reports {@value #BLEND} alone. Not thread-safe:
 * one per request.
 */
final class ServerTiming {
    static final String ANALYZE = "analyze";
    static final String INDEX = "index";
    static final String DESCRIBE = "describe";
    /** A blend's one part: both faces found, the landmarks, the warp and the PNG. */
    static final String BLEND = "blend";
    static final String HEADER = "Server-Timing";

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Runs {@code part} and adds its duration under {@code name}. */
    <T> T time(String name, Supplier<T> part) {
        long start = System.nanoTime();
        try {
            return part.get();
        } finally {
            nanos.merge(name, System.nanoTime() - start, Long::sum);
        }
    }

    /** The header's value: every part timed so far, in milliseconds to the microsecond. */
    String header() {
        StringJoiner parts = new StringJoiner(", ");
        nanos.forEach((name, n) -> parts.add(String.format(Locale.ROOT, "%s;dur=%.3f", name, n / 1e6)));
        return parts.toString();
    }
}
