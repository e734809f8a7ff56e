package org.facesearch.crawl;

/**
 * What the storage path did with a batch (or, summed, with a whole run).
 *
 * @param profiles   profiles inserted or updated
 * @param photos     photos stored, whatever their status
 * @param faces      faces stored
 * @param noFace     photos stored with status {@code no_face}
 * @param failed     photos that failed (unavailable or not decodable), {@code retryLater} of them included
 * @param retryLater failed photos stored with status {@code retry}: a transient download fault the next crawl retries
 * @param duplicates photos skipped because a photo with the same content was stored before
 * @param doNotCollect profiles not stored because they are on the do-not-collect list (they asked to be forgotten)
 */
public record StoreCounts(long profiles, long photos, long faces, long noFace, long failed, long retryLater,
                          long duplicates, long doNotCollect) {
    public static final StoreCounts ZERO = new StoreCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public StoreCounts plus(StoreCounts o) {
        return new StoreCounts(profiles + o.profiles, photos + o.photos, faces + o.faces, noFace + o.noFace,
                failed + o.failed, retryLater + o.retryLater, duplicates + o.duplicates, doNotCollect + o.doNotCollect);
    }
}
