package org.facesearch.store.crawl;

import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The photos stored as {@link CrawlWrites#RETRY} (a transient download fault), read in id pages for the next crawl
 * to download again, and forgotten once a new attempt is stored in their place.
 */
public final class RetryQueue {
    private RetryQueue() {
    }

    /** A photo to download again, with the profile it belongs to. */
    public record PendingPhoto(long photoId, ProfileInfo profile, String url) {
    }

    /** The highest id of a photo to retry, or 0 when there is none. */
    public static long lastId(DSLContext db) {
        Long last = db.select(DSL.max(PHOTO.ID)).from(PHOTO).where(PHOTO.STATUS.eq(CrawlWrites.RETRY)).fetchOne(0, Long.class);
        return last == null ? 0 : last;
    }

    /** Up to {@code limit} photos to retry with an id in {@code (after, last]}, in id order. */
    public static List<PendingPhoto> page(DSLContext db, long after, long last, int limit) {
        return db.select(PHOTO.ID, PHOTO.URL, PROFILE.SOURCE, PROFILE.EXTERNAL_ID, PROFILE.DISPLAY_NAME, PROFILE.PROFILE_URL,
                        PROFILE.PHOTO_URL, PROFILE.STATUS)
                .from(PHOTO).join(PROFILE).on(PROFILE.ID.eq(PHOTO.PROFILE_ID))
                .where(PHOTO.STATUS.eq(CrawlWrites.RETRY), PHOTO.ID.gt(after), PHOTO.ID.le(last))
                .orderBy(PHOTO.ID).limit(limit)
                .fetch(r -> new PendingPhoto(r.value1(), new ProfileInfo(r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), ProfileStatus.of(r.value8())), r.value2()));
    }

    /** Deletes the rows of photos a new attempt has been stored for (in the same transaction). */
    public static void forget(DSLContext tx, List<Long> photoIds) {
        tx.deleteFrom(PHOTO).where(PHOTO.ID.in(photoIds)).execute();
    }
}
