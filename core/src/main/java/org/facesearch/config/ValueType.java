package org.facesearch.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a configuration value must look like. {@link #check} returns the reason a value is wrong, phrased to
 * follow "expected ...", or nothing when the value is fine.
 */
public sealed interface ValueType {
    ValueType STRING = new Simple("any text", v -> true);
    ValueType SECRET = new Simple("any text", v -> true);
    ValueType PATH = new Simple("a directory path", v -> !v.isBlank());
    ValueType POSITIVE_INT = new Simple("a whole number greater than 0", v -> parseLong(v) > 0 && parseLong(v) <= Integer.MAX_VALUE);
    /** A number of IVF lists a query scans, or {@code auto} (the search decides from the number of lists). */
    ValueType NPROBE = new Simple("a whole number greater than 0, or auto",
            v -> v.trim().equals("auto") || parseLong(v) > 0 && parseLong(v) <= Integer.MAX_VALUE);
    ValueType POSITIVE_DOUBLE = new Simple("a number greater than 0", v -> parseDouble(v) > 0);
    ValueType FRACTION = new Simple("a number greater than 0 and at most 1", v -> parseDouble(v) > 0 && parseDouble(v) <= 1);
    ValueType PORT = new Simple("a TCP port from 1 to 65535", v -> parseLong(v) >= 1 && parseLong(v) <= 65535);
    ValueType URL = new Simple("an http:// or https:// URL", ValueType::isHttpUrl);

    /** The value's fault, or empty if it is valid. */
    Optional<String> check(String value);

    static ValueType choice(String... allowed) {
        return new Choice(List.of(allowed));
    }

    record Simple(String expected, java.util.function.Predicate<String> rule) implements ValueType {
        @Override
        public Optional<String> check(String value) {
            return rule.test(value.trim()) ? Optional.empty() : Optional.of("expected " + expected);
        }
    }

    record Choice(List<String> allowed) implements ValueType {
        @Override
        public Optional<String> check(String value) {
            return allowed.contains(value.trim()) ? Optional.empty() : Optional.of("expected one of " + String.join(", ", allowed));
        }
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static double parseDouble(String v) {
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isHttpUrl(String v) {
        try {
            URI uri = URI.create(v.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
