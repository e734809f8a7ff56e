package org.facesearch.search;

/**
 * How many matches a search returns per face ({@code top}) and how many IVF lists it scans ({@code nprobe}): the
 * one place both are checked, for the command line, the HTTP API and the engines. A value out of range is refused
 * with a message naming it ({@code "top must be between 1 and 100, got 0"}); callers add their own spelling
 * ({@code --top}) and status (exit 2, HTTP 400).
 */
public record SearchParams(int top, int nprobe) {
    /** Most matches per face: a page of results, not a dump of the database. */
    public static final int MAX_TOP = 100;
    /** Most lists per query: far above any clustering this project builds (k grows to thousands, not millions). */
    public static final int MAX_NPROBE = 65_536;

    public SearchParams {
        check("top", top, MAX_TOP);
        check("nprobe", nprobe, MAX_NPROBE);
    }

    private static void check(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + value);
        }
    }
}
