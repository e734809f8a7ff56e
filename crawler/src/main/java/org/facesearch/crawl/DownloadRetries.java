package org.facesearch.crawl;

import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.facesearch.crawl.vk.PhotoDownloader;
import org.facesearch.crawl.vk.PhotoResult;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Gives photos whose download failed for a transient reason (a server error, a reset, a timeout, a truncated body:
 * status {@value BatchWriter#RETRY}) another chance at the start of every crawl, whatever its source, so a fault of
 * the moment never loses a photo for good; permanent failures ({@code failed}: 404, not an image) are left alone.
 * Each retried photo goes through the storage path again, and its old row is deleted in the same transaction: a
 * photo is stored once, as {@code ok}/{@code no_face}, {@code failed}, or {@code retry} again for the next run.
 * Only the rows there at the start are retried, in pages, so a photo failing again waits for the next run.
 */
final class DownloadRetries {
    private static final int PAGE = 200;

    private final DSLContext dsl;
    private final StoragePath storage;
    private final PhotoDownloader downloader;

    DownloadRetries(DSLContext dsl, StoragePath storage, PhotoDownloader downloader) {
        this.dsl = dsl;
        this.storage = storage;
        this.downloader = downloader;
    }

    private record Pending(long photoId, ProfileInfo profile, String url) {
    }

    /** Retries every photo stored as {@code retry} before this call; what the storage path did with them. */
    StoreCounts retryAll() throws InterruptedException {
        Long last = dsl.select(DSL.max(PHOTO.ID)).from(PHOTO).where(PHOTO.STATUS.eq(BatchWriter.RETRY)).fetchOne(0, Long.class);
        StoreCounts sum = StoreCounts.ZERO;
        long after = 0;
        while (last != null && after < last) {
            List<Pending> page = page(after, last);
            if (page.isEmpty()) break;
            after = page.getLast().photoId();
            List<PhotoResult> results = downloader.downloadAll(page.stream().map(Pending::url).toList());
            List<Submission> submissions = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                Pending p = page.get(i);
                PhotoInput photo = switch (results.get(i)) {
                    case PhotoResult.Downloaded d -> new PhotoInput.Bytes(d.url(), d.bytes());
                    case PhotoResult.Failed f -> new PhotoInput.Unavailable(f.url(), f.reason(), f.retryable());
                    case PhotoResult.Skipped s -> new PhotoInput.Unavailable(s.url(), s.reason(), false);
                };
                submissions.add(new Submission(p.profile(), photo));
            }
            Long[] ids = page.stream().map(Pending::photoId).toArray(Long[]::new);
            sum = sum.plus(storage.store(submissions, tx -> tx.deleteFrom(PHOTO).where(PHOTO.ID.in(Arrays.asList(ids))).execute()));
        }
        return sum;
    }

    private List<Pending> page(long after, long last) {
        return dsl.select(PHOTO.ID, PHOTO.URL, PROFILE.SOURCE, PROFILE.EXTERNAL_ID, PROFILE.DISPLAY_NAME, PROFILE.PROFILE_URL,
                        PROFILE.PHOTO_URL, PROFILE.STATUS)
                .from(PHOTO).join(PROFILE).on(PROFILE.ID.eq(PHOTO.PROFILE_ID))
                .where(PHOTO.STATUS.eq(BatchWriter.RETRY), PHOTO.ID.gt(after), PHOTO.ID.le(last))
                .orderBy(PHOTO.ID).limit(PAGE)
                .fetch(r -> new Pending(r.value1(), new ProfileInfo(r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        ProfileStatus.of(r.value8())), r.value2()));
    }
}
