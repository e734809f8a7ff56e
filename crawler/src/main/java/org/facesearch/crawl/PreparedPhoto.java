package org.facesearch.crawl;

/** A photo of a batch after hashing and analysis, ready to be written by {@link BatchWriter}. */
sealed interface PreparedPhoto {
    /** A photo seen for the first time: its hash, size and what the face pipeline found (or why it could not). */
    record Analyzed(String url, byte[] sha256, int byteSize, FaceAnalyzer.Analysis analysis) implements PreparedPhoto {
    }

    /** A photo that could not be fetched; stored as failed (or to retry, for a transient fault), without a hash. */
    record Unavailable(String url, String reason, boolean retryable) implements PreparedPhoto {
    }

    /**
     * Same content as a photo stored before (or earlier in the batch): not stored again, but linked to this profile
     * when it is another account's ({@link BatchWriter}).
     */
    record Duplicate(String url, byte[] sha256) implements PreparedPhoto {
    }
}
