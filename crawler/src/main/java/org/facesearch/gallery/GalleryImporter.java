package org.facesearch.gallery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.facesearch.crawl.ContentHash;
import org.facesearch.crawl.PhotoInput;
import org.facesearch.store.crawl.ProfileInfo;
import org.facesearch.store.crawl.ProfileStatus;
import org.facesearch.crawl.Progress;
import org.facesearch.crawl.StoragePath;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.crawl.Submission;

/**
 * {@code facesearch import}: puts a local gallery through the same {@link StoragePath} as the crawl, as profiles
 * of source {@value #SOURCE} keyed by the person's name. Each batch of {@code batchSize} photos is one transaction.
 * Rerunning stores nothing twice: profiles are upserted and photos already stored are recognised by their hash.
 * An unreadable file is stored as a failed photo of its person, and the import goes on.
 */
public final class GalleryImporter {
    public static final String SOURCE = "gallery";
    private static final int MAX_EXTERNAL_ID = 191;

    private final StoragePath storage;
    private final int batchSize;

    public GalleryImporter(StoragePath storage, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.storage = storage;
        this.batchSize = batchSize;
    }

    public StoreCounts importAll(List<GalleryEntry> entries, Progress progress) throws InterruptedException {
        progress.start("import", "photos", 0, OptionalLong.of(entries.size()));
        StoreCounts sum = StoreCounts.ZERO;
        for (int from = 0; from < entries.size(); from += batchSize) {
            List<GalleryEntry> slice = entries.subList(from, Math.min(entries.size(), from + batchSize));
            List<Submission> batch = new ArrayList<>(slice.size());
            for (GalleryEntry e : slice) {
                batch.add(submission(e));
            }
            sum = sum.plus(storage.store(batch));
            progress.batch(slice.size(), sum);
        }
        return sum;
    }

    private static Submission submission(GalleryEntry e) {
        String url = e.file().toAbsolutePath().toUri().toString();
        PhotoInput photo;
        try {
            photo = new PhotoInput.Bytes(url, Files.readAllBytes(e.file()));
        } catch (IOException ex) {
            photo = new PhotoInput.Unavailable(url, "cannot read file: " + ex.getMessage(), false);
        }
        return new Submission(new ProfileInfo(SOURCE, externalId(e.person()), e.person(), e.profileUrl(), url,
                ProfileStatus.OK), photo);
    }

    /** The person's name, or for a name too long for the key column, a SHA-256 of it. */
    static String externalId(String person) {
        if (person.length() <= MAX_EXTERNAL_ID) {
            return person;
        }
        return "sha256:" + HexFormat.of().formatHex(ContentHash.sha256(person.getBytes(StandardCharsets.UTF_8)));
    }
}
