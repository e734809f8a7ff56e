package org.facesearch.crawl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facesearch.faces.DetectedFace;
import org.facesearch.store.DiskSpace;
import org.facesearch.store.crawl.CrawlWrites;
import org.facesearch.store.crawl.ProfileInfo;
import org.facesearch.store.privacy.DoNotCollect;
import org.jooq.DSLContext;

/**
 * Writes one prepared batch inside the caller's transaction ({@link CrawlWrites}): profiles upserted by
 * {@code (source, external_id)}, then each new photo with its status, then its faces, each face assigned to its
 * cluster through {@link ClusterHook#assign} in the same transaction. Profiles on the do-not-collect list are
 * dropped first, read with a shared lock ({@link DoNotCollect#listedLocked}) so that a forget committing meanwhile
 * is seen: nothing of a forgotten person is written, whatever was prepared before. A batch first checks for free
 * disk space ({@link DiskSpace}): a crawl stops before the disk under the database is full.
 */
final class BatchWriter {
    record Item(ProfileInfo profile, PreparedPhoto photo) {
    }

    /** Disk a photo's rows may take, generously: its photo row and a few faces' vectors and codes. */
    private static final long BYTES_PER_PHOTO = 64 << 10;

    private final String model;
    private final ClusterHook clusters;

    BatchWriter(String model, ClusterHook clusters) {
        this.model = model;
        this.clusters = clusters;
    }

    StoreCounts write(DSLContext tx, List<Item> all) {
        List<Item> items = DoNotCollectFilter.collectable(all, Item::profile,
                (source, ids) -> DoNotCollect.listedLocked(tx, source, ids));
        long skipped = all.size() - items.size();
        if (items.isEmpty()) {
            return new StoreCounts(0, 0, 0, 0, 0, 0, 0, skipped);
        }
        DiskSpace.require(tx, items.size() * BYTES_PER_PHOTO, String.format(Locale.ROOT, "storing %,d photos", items.size()));
        Map<String, Long> profileIds = CrawlWrites.upsertProfiles(tx, items.stream().map(Item::profile).toList());
        long photos = 0, faces = 0, noFace = 0, failed = 0, retryLater = 0, duplicates = 0;
        for (Item item : items) {
            long profileId = profileIds.get(CrawlWrites.key(item.profile().source(), item.profile().externalId()));
            switch (item.photo()) {
                case null -> { }
                case PreparedPhoto.Duplicate d -> {
                    duplicates++;
                    faces += linkFaces(tx, profileId, d.sha256());
                }
                case PreparedPhoto.Unavailable u -> {
                    CrawlWrites.insertPhoto(tx, profileId, u.url(), null, null, null, null,
                            u.retryable() ? CrawlWrites.RETRY : "failed", u.reason());
                    photos++;
                    failed++;
                    if (u.retryable()) retryLater++;
                }
                case PreparedPhoto.Analyzed a -> {
                    photos++;
                    switch (a.analysis()) {
                        case FaceAnalyzer.Unreadable bad -> {
                            CrawlWrites.insertPhoto(tx, profileId, a.url(), a.sha256(), a.byteSize(), null, null, "failed", bad.reason());
                            failed++;
                        }
                        case FaceAnalyzer.Faces found -> {
                            boolean none = found.faces().isEmpty();
                            long photoId = CrawlWrites.insertPhoto(tx, profileId, a.url(), a.sha256(), a.byteSize(), found.width(),
                                    found.height(), none ? "no_face" : "ok", null);
                            if (none) {
                                noFace++;
                            }
                            for (DetectedFace face : found.faces()) {
                                insertFace(tx, photoId, profileId, face);
                                faces++;
                            }
                        }
                    }
                }
            }
        }
        return new StoreCounts(items.size(), photos, faces, noFace, failed, retryLater, duplicates, skipped);
    }

    /**
     * Another account whose photo has the same content as a stored one (VK users sharing a picture, a gallery
     * person twice): the stored photo's faces are stored for this profile too (same photo row, same vectors), so a
     * search finds every account that shows them. Nothing when the photo is this profile's own or already linked.
     *
     * @return the faces stored
     */
    private int linkFaces(DSLContext tx, long profileId, byte[] sha256) {
        return CrawlWrites.facesToLink(tx, sha256, profileId, model).map(shared -> {
            for (CrawlWrites.StoredFace face : shared.faces()) {
                insertFace(tx, shared.photoId(), profileId, new DetectedFace(face.box(), face.score(), face.vector(), model));
            }
            return shared.faces().size();
        }).orElse(0);
    }

    private void insertFace(DSLContext tx, long photoId, long profileId, DetectedFace face) {
        long faceId = CrawlWrites.insertFace(tx, photoId, profileId, face.box(), face.score(), model, face.vector());
        clusters.assign(tx, model, faceId, face.vector());
    }
}
