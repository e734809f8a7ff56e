package org.facesearch.store.crawl;

import static org.facesearch.store.schema.Tables.GALLERY_ROOT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jooq.DSLContext;

/**
 * Records the folder an import reads from in {@code gallery_root}: the server opens a gallery photo's file for a
 * thumbnail only under a recorded folder ({@code FaceCatalog#galleryRoots}), so a stored {@code file:} URL cannot
 * make it read anything else.
 */
public final class GalleryRoots {
    private GalleryRoots() {
    }

    /** Records {@code folder} (its real path, symbolic links resolved) once; recording it again is a no-op. */
    public static void record(DSLContext db, Path folder) throws IOException {
        String path = folder.toRealPath().toString();
        byte[] key;
        try {
            key = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        db.insertInto(GALLERY_ROOT).set(GALLERY_ROOT.PATH_SHA256, key).set(GALLERY_ROOT.PATH, path).onDuplicateKeyIgnore().execute();
    }
}
