package org.facesearch.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.facesearch.crawl.vk.PhotoDownloader;
import org.facesearch.crawl.vk.PhotoResult;
import org.facesearch.crawl.vk.VkProfile;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facesearch.crawl.vk.NoUsableTokenException;
import org.facesearch.crawl.vk.VkApiException;
import org.facesearch.store.crawl.CrawlState;
import org.facesearch.store.crawl.ProfileInfo;
import org.facesearch.store.crawl.ProfileStatus;
import org.facesearch.store.privacy.DoNotCollect;

/**
 * The crawl loop: from the source's stored cursor, batch after batch, fetch profiles from VK, download their
 * photos (bounded concurrency, in {@link PhotoDownloader}), and hand them to the {@link StoragePath}, whose
 * transaction also moves the cursor. So the cursor never runs ahead of what is stored: after a kill -9 at any
 * moment, the same command resumes at the first batch not committed, and that batch's rows are stored once.
 *
 * <p>Profiles without a photo to fetch (deactivated, banned, no photo, placeholder; closed ones only when told to
 * skip them: VK shows their main photo) are stored with their
 * status and no photo. A photo that cannot be downloaded is stored as {@code failed} with the reason, or as
 * {@code retry} after a transient fault: every run first downloads those again ({@link DownloadRetries}). VK errors
 * that retries cannot fix ({@code VkApiException}) and an exhausted token pool ({@code NoUsableTokenException})
 * end the run; the cursor stays at the failed batch. Profiles on the do-not-collect list are skipped before their
 * photos are downloaded, and counted.
 */
public final class Crawler {
    private static final Logger LOG = LoggerFactory.getLogger(Crawler.class);
    private static final String VK = "vk";

    private final DSLContext dsl;
    private final StoragePath storage;
    private final PhotoDownloader downloader;
    private final boolean skipClosedProfiles;

    /** @param skipClosedProfiles whether closed (private) profiles are stored without their photo ({@code vk.skip-closed-profiles}) */
    public Crawler(DSLContext dsl, StoragePath storage, PhotoDownloader downloader, boolean skipClosedProfiles) {
        this.dsl = dsl;
        this.storage = storage;
        this.downloader = downloader;
        this.skipClosedProfiles = skipClosedProfiles;
    }

    public CrawlResult crawl(CrawlSource source, Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        StoreCounts retried = new DownloadRetries(dsl, storage, downloader).retryAll();
        CrawlState.Cursor cursor = CrawlState.load(dsl, source.key())
                .orElse(new CrawlState.Cursor(source.initialCursor(), false));
        if (cursor.done()) {
            LOG.info("source {} was crawled to its end before; nothing to do", source.key());
            return new CrawlResult(true, retried, StoreCounts.ZERO, 0, 0, 0, Duration.ofNanos(System.nanoTime() - start));
        }
        progress.start("crawl " + source.key(), "profiles", source.position(cursor.value()), source.total());
        StoreCounts sum = StoreCounts.ZERO;
        long unavailable = 0;
        long unresolved = 0;
        long listed = 0;
        boolean totalKnown = source.total().isPresent();
        while (!cursor.done()) {
            CrawlSource.Batch batch = source.next(cursor.value());
            if (!totalKnown && source.total().isPresent()) {
                progress.total(source.total().getAsLong());
                totalKnown = true;
            }
            List<VkProfile> resolved = batch.profiles().stream().filter(p -> p.id() > 0).toList();
            unresolved += batch.profiles().size() - resolved.size();
            List<VkProfile> collectable = withoutDoNotCollect(resolved);
            listed += resolved.size() - collectable.size();
            List<Submission> submissions = submissions(collectable);
            unavailable += submissions.stream().filter(s -> s.photo() == null).count();
            CrawlState.Cursor next = new CrawlState.Cursor(batch.nextCursor(), batch.done());
            StoreCounts counts = storage.store(submissions, tx -> CrawlState.save(tx, source.key(), next));
            sum = sum.plus(counts);
            progress.batch(source.position(next.value()) - source.position(cursor.value()), sum);
            cursor = next;
        }
        return new CrawlResult(false, retried, sum, unavailable, unresolved, listed + sum.doNotCollect(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The profiles not on the do-not-collect list: a listed person's photos are not even downloaded. */
    private List<VkProfile> withoutDoNotCollect(List<VkProfile> profiles) {
        Set<String> listed = DoNotCollect.listed(dsl, VK, profiles.stream().map(p -> Long.toString(p.id())).toList());
        return profiles.stream().filter(p -> !listed.contains(Long.toString(p.id()))).toList();
    }

    /** Profiles with their downloaded photos, in the source's order. */
    private List<Submission> submissions(List<VkProfile> profiles) throws InterruptedException {
        List<VkProfile> withPhoto = profiles.stream().filter(p -> p.hasPhotoToFetch(skipClosedProfiles)).toList();
        List<PhotoResult> photos = downloader.downloadAll(withPhoto.stream().map(VkProfile::photoUrl).toList());
        List<Submission> submissions = new ArrayList<>(profiles.size());
        int next = 0;
        for (VkProfile p : profiles) {
            PhotoInput photo = null;
            ProfileStatus status = status(p);
            if (p.hasPhotoToFetch(skipClosedProfiles)) {
                switch (photos.get(next++)) {
                    case PhotoResult.Downloaded d -> photo = new PhotoInput.Bytes(d.url(), d.bytes());
                    case PhotoResult.Failed f -> photo = new PhotoInput.Unavailable(f.url(), f.reason(), f.retryable());
                    case PhotoResult.Skipped s -> status = ProfileStatus.NO_PHOTO;
                }
            }
            submissions.add(new Submission(new ProfileInfo(VK, Long.toString(p.id()), displayName(p), p.profileUrl(),
                    p.photoUrl(), status), photo));
        }
        return submissions;
    }

    private static ProfileStatus status(VkProfile p) {
        return switch (p.status()) {
            case OK -> p.photoUrl() == null ? ProfileStatus.NO_PHOTO : ProfileStatus.OK;
            case NO_PHOTO -> ProfileStatus.NO_PHOTO;
            case CLOSED -> ProfileStatus.CLOSED;
            case DELETED, BANNED -> ProfileStatus.DEACTIVATED;
        };
    }

    private static String displayName(VkProfile p) {
        String name = ((p.firstName() == null ? "" : p.firstName()) + " " + (p.lastName() == null ? "" : p.lastName())).strip();
        return name.isEmpty() ? "id" + p.id() : name;
    }
}
