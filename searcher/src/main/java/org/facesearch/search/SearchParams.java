package org.facesearch.search;

/**
 * How many matches a search returns per face ({@code top}) and how many IVF lists it scans ({@code nprobe}): the
 * one place both are checked, for the command line, the HTTP API and the engines. A value out of range is refused
 * with a message naming it ({@code "top must be between 1 and 100, got 0"}); callers add their own spelling
 * ({@code --top}) and status (exit 2, HTTP 400).
 *
 * <p>{@code nprobe} may be {@link #AUTO} (0; {@code auto} in the config): the engine then scans {@link #nprobeFor the larger of
 * {@value #AUTO_MIN_LISTS} and a tenth of the lists}. Why: a recluster keeps lists at ~1,000 faces, so k grows
 * with the database and a fixed nprobe scans a shrinking share of it. Measured (BENCHMARKS.md, "Choosing nprobe"):
 * at 1M faces (1,024 lists) nprobe 256 gives recall@10 0.98; at 10M (10,001 lists) 1,000 gives 0.964, while the
 * 1M default of 384 gave 0.92 there. The share a recall needs falls as k grows (16% of the lists for 0.95 at 1M,
 * 8% at 10M), so a tenth with that floor keeps recall@10 at 0.95 or more at both sizes.
 */
public record SearchParams(int top, int nprobe) {
    /** Most matches per face: a page of results, not a dump of the database. */
    public static final int MAX_TOP = 100;
    /** Most lists per query: far above any clustering this project builds (k grows to thousands, not millions). */
    public static final int MAX_NPROBE = 65_536;
    /** {@code nprobe} chosen from the number of lists ({@link #nprobeFor}); spelled {@code auto} in the config. */
    public static final int AUTO = 0;
    /** Lists an automatic nprobe scans at least (all of them when there are fewer). */
    public static final int AUTO_MIN_LISTS = 256;
    /** An automatic nprobe scans one list in this many (when that is more than {@link #AUTO_MIN_LISTS}). */
    public static final int AUTO_SHARE = 10;

    public SearchParams {
        check("top", top, 1, MAX_TOP);
        check("nprobe", nprobe, AUTO, MAX_NPROBE);
    }

    /** The lists to scan in a clustering of {@code lists} lists: {@code nprobe}, or for {@link #AUTO} the rule above. */
    public int nprobeFor(int lists) {
        if (nprobe != AUTO) {
            return nprobe;
        }
        return Math.min(lists, Math.max(AUTO_MIN_LISTS, Math.ceilDiv(lists, AUTO_SHARE)));
    }

    /** A configured nprobe: {@code auto} is {@link #AUTO}, otherwise a whole number (checked by the constructor). */
    public static int parseNprobe(String value) {
        String trimmed = value.trim();
        return trimmed.equals("auto") ? AUTO : Integer.parseInt(trimmed);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + (min == AUTO ? "0 (auto)" : min) + " and "
                    + max + ", got " + value);
        }
    }
}
