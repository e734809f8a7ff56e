package org.facesearch.crawl;

import java.util.ArrayList;
import java.util.List;
import org.facesearch.crawl.vk.PhotoDownloader;
import org.facesearch.crawl.vk.PhotoResult;
import org.facesearch.store.crawl.RetryQueue;
import org.jooq.DSLContext;

/**
 * Gives photos whose download failed for a transient reason (a server error, a reset, a timeout, a truncated body:
 * status {@code retry}, {@link RetryQueue}) another chance at the start of every crawl, whatever its source, so a
 * fault of the moment never loses a photo for good; permanent failures ({@code failed}: 404, not an image) are left alone.
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

    /** Retries every photo stored as {@code retry} before this call; what the storage path did with them. */
    StoreCounts retryAll() throws InterruptedException {
        long last = RetryQueue.lastId(dsl);
        StoreCounts sum = StoreCounts.ZERO;
        long after = 0;
        while (after < last) {
            List<RetryQueue.PendingPhoto> page = RetryQueue.page(dsl, after, last, PAGE);
            if (page.isEmpty()) break;
            after = page.getLast().photoId();
            List<PhotoResult> results = downloader.downloadAll(page.stream().map(RetryQueue.PendingPhoto::url).toList());
            List<Submission> submissions = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                RetryQueue.PendingPhoto p = page.get(i);
                PhotoInput photo = switch (results.get(i)) {
                    case PhotoResult.Downloaded d -> new PhotoInput.Bytes(d.url(), d.bytes());
                    case PhotoResult.Failed f -> new PhotoInput.Unavailable(f.url(), f.reason(), f.retryable());
                    case PhotoResult.Skipped s -> new PhotoInput.Unavailable(s.url(), s.reason(), false);
                };
                submissions.add(new Submission(p.profile(), photo));
            }
            List<Long> ids = page.stream().map(RetryQueue.PendingPhoto::photoId).toList();
            sum = sum.plus(storage.store(submissions, tx -> RetryQueue.forget(tx, ids)));
        }
        return sum;
    }
}
