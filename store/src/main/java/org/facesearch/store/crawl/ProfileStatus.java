package org.facesearch.store.crawl;

/**
 * The crawl status of a stored profile, as written to {@code profile.status}. Only {@link #OK} profiles have a
 * photo to process; the others are recorded so that a later crawl knows why nothing was stored for them.
 */
public enum ProfileStatus {
    OK("ok"),
    NO_PHOTO("no_photo"),
    DEACTIVATED("deactivated"),
    CLOSED("closed");

    private final String column;

    ProfileStatus(String column) {
        this.column = column;
    }

    /** The status stored as {@code column}. */
    public static ProfileStatus of(String column) {
        for (ProfileStatus s : values()) {
            if (s.column.equals(column)) return s;
        }
        throw new IllegalArgumentException("unknown profile status: " + column);
    }

    /** The value stored in {@code profile.status}. */
    public String column() {
        return column;
    }
}
