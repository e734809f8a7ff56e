package org.facesearch.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.CodeFile;
import org.facesearch.index.IvfIndex;
import org.facesearch.store.PrivateFiles;
import org.facesearch.store.clusters.ClusteringVersion;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.faces.Faces;
import org.facesearch.store.privacy.FaceRemovals;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search cache: per model, a {@link CodeFile} under {@code HOME/cache} holding the server's index of the
 * model's active clustering (centroids, and every list's ids and codes), derived from MySQL, so that
 * {@code facesearch search} reads the lists it probes from the page cache instead of a database row per face.
 *
 * <p>{@link #current} checks the file against the database in the caller's transaction: it must be of the active
 * clustering version (id and creation time), no face of the model may have been forgotten since it was written
 * (a file must not keep a forgotten person's codes; a forget also deletes the files at once, {@link #deleteAll}),
 * and at most {@value #MAX_CHANGES} faces added. Faces added since are returned as ids, for the caller to measure
 * exactly. Otherwise (missing, damaged, of another version, behind) the file is written anew from the same
 * transaction's snapshot ({@link IndexLoader}), which costs a read of every code: ~1 min at 10M faces.
 *
 * <p>Caveat, as for the server ({@link IndexKeeper}): "ids above the last one in the file" misses a face whose
 * transaction commits after a face with a larger id was written into the file; such a face is found again when
 * the file is next rewritten. Not thread-safe; the files themselves are written atomically (a reader in another
 * process sees the old or the new one), mode 0600 in a 0700 directory.
 */
public final class CodeFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CodeFiles.class);
    /**
     * Faces added since a file was written above which it is written anew: each is one more vector read per query
     * (16 MB at 1024-d for all of them).
     */
    static final int MAX_CHANGES = 4_096;
    /** Keyset page of the load that writes a file. */
    private static final int LOAD_PAGE = 5_000;
    /** Temporary files older than this are left over from a killed writer. */
    private static final Duration ABANDONED = Duration.ofMinutes(30);

    private final Path dir;
    private final Map<String, Open> open = new HashMap<>();

    /** The file of one model as checked against the database, and the faces added since it was written. */
    public record Current(CodeFile file, CandidateScan scan, long[] added) {
    }

    private record Open(CodeFile file, CandidateScan scan) {
    }

    /** @param dir where the files live ({@code HOME/cache}); created 0700 when first written */
    public CodeFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * The model's file for {@code active} (its active clustering), written first if missing or stale (see the class
     * comment), with the ids of the faces added since.
     *
     * @param dimension the model's vector dimension
     * @throws SearchCacheException when the file cannot be written (the message names it and why)
     */
    public Current current(DSLContext tx, ClusteringVersion active, int dimension) {
        String model = active.model();
        Open file = open.get(model);
        if (file == null || !isOf(file.file(), active)) {
            close(model);
            file = openIfCurrent(active);
        }
        if (file != null) {
            long[] added = Faces.idsAfter(tx, model, file.file().source().lastFaceId(), dimension, MAX_CHANGES + 1);
            boolean removed = !FaceRemovals.after(tx, model, file.file().source().lastRemovalId(), 1).isEmpty();
            if (added.length <= MAX_CHANGES && !removed) {
                return new Current(file.file(), file.scan(), added);
            }
            log.info("search cache: {} since {} was written; writing it anew",
                    removed ? "faces were forgotten" : "more than " + MAX_CHANGES + " faces were added", pathOf(model));
            close(model);
        }
        file = write(tx, active, dimension);
        // written from this transaction's snapshot up to its last face id: no face of the snapshot comes after it
        return new Current(file.file(), file.scan(), new long[0]);
    }

    /**
     * Brings the file of {@code model}'s active clustering up to date now (after a recluster, so that the next
     * search need not), in one transaction; nothing when the model has no clustering.
     */
    public void update(DSLContext db, String model, int dimension) {
        db.transaction(c -> Clusterings.active(c.dsl(), model).ifPresent(active -> current(c.dsl(), active, dimension)));
    }

    private Open openIfCurrent(ClusteringVersion active) {
        Path path = pathOf(active.model());
        if (!Files.exists(path)) {
            return null;
        }
        try {
            CodeFile file = CodeFile.open(path);
            if (isOf(file, active)) {
                return remember(active.model(), file);
            }
            log.debug("search cache: {} is of clustering {}, the active one is {}", path, file.source().clusteringId(),
                    active.id());
            file.close();
        } catch (IOException e) {
            log.warn("search cache: {}; writing it anew", e.getMessage());
        }
        return null;
    }

    private Open write(DSLContext tx, ClusteringVersion active, int dimension) {
        String model = active.model();
        Path path = pathOf(model);
        log.info("search cache: writing the codes of model {} (clustering {}) to {} (once per clustering)", model,
                active.id(), path);
        IndexLoader.Loaded loaded = new IndexLoader(tx, model, dimension, LOAD_PAGE, IndexKind.IVF, 0).load();
        if (loaded.clusteringId() != active.id()) {
            throw new IllegalStateException("clustering " + active.id() + " is active but " + loaded.clusteringId()
                    + " was loaded (the caller must hold one transaction)");
        }
        CodeFile.Source source = new CodeFile.Source(model, active.id(), createdMillis(active), loaded.lastFaceId(),
                loaded.lastRemovalId());
        try {
            PrivateFiles.directory(dir);
            deleteAbandoned(model);
            CodeFile.write(path, (IvfIndex) loaded.index(), source);
            return remember(model, CodeFile.open(path));
        } catch (IOException e) {
            throw new SearchCacheException("cannot write the search cache " + path + ": " + e.getMessage()
                    + " (free some disk space or make " + dir + " writable)", e);
        }
    }

    private Open remember(String model, CodeFile file) {
        Open opened = new Open(file, file.scan());
        open.put(model, opened);
        return opened;
    }

    private static boolean isOf(CodeFile file, ClusteringVersion active) {
        CodeFile.Source source = file.source();
        return source.model().equals(active.model()) && source.clusteringId() == active.id()
                && source.clusteringCreated() == createdMillis(active);
    }

    private static long createdMillis(ClusteringVersion version) {
        return version.createdAt().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** {@code HOME/cache/codes-MODEL.bin}, the model id with anything but letters, digits, '.', '-' as '_'. */
    public Path pathOf(String model) {
        return dir.resolve("codes-" + model.replaceAll("[^A-Za-z0-9.-]", "_") + ".bin");
    }

    /**
     * Deletes every model's file in {@code dir} (a forget does: a file keeps the codes of the faces it removed until it
     * is rewritten); the next search writes them anew. Returns how many were deleted.
     */
    public static int deleteAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("codes-")).toList()) {
                if (Files.deleteIfExists(f)) deleted++;
            }
        }
        return deleted;
    }

    private void deleteAbandoned(String model) throws IOException {
        String prefix = pathOf(model).getFileName() + ".";
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".partial")).toList()) {
                if (Files.getLastModifiedTime(f).compareTo(before) < 0) Files.deleteIfExists(f);
            }
        }
    }

    private void close(String model) {
        Open file = open.remove(model);
        if (file != null) file.file().close();
    }

    @Override
    public void close() {
        for (Open file : open.values()) file.file().close();
        open.clear();
    }
}
