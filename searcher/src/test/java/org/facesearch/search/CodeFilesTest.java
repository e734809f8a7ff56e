package org.facesearch.search;

import static org.facesearch.store.schema.Tables.FACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.index.CodeFile;
import org.facesearch.store.Database;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.Neighbor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's search cache ({@link CodeFiles}) as {@link ClusterScan} keeps it: written once, followed, rewritten. */
class CodeFilesTest {
    private static final String MODEL = "faceres@human-models-3.0.4";
    private static final int DIMENSION = 16;
    private static final int FACES = 1_000;

    @TempDir
    Path home;
    private Path cache;
    private Path file;
    private Database database;
    private DSLContext db;
    private final List<float[]> vectors = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private int k;

    @BeforeEach
    void store() {
        cache = home.resolve("cache");
        file = new CodeFiles(cache).pathOf(MODEL);
        database = TestDatabase.fresh();
        db = database.dsl();
        k = AssignedFaces.storeAndRecluster(db, MODEL, FACES, DIMENSION, new SplittableRandom(41), vectors, ids);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void isWrittenOnceAndReusedByTheNextProcess() throws IOException {
        assertFalse(Files.exists(file));
        List<Neighbor> first = search(vectors.get(3), 10, 2);
        Object written = fileKey();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(ids.get(3), first.getFirst().id());
        assertEquals(first, search(vectors.get(3), 10, 2));
        assertEquals(written, fileKey(), "a second process reused the file");
        try (CodeFile codes = CodeFile.open(file)) {
            assertEquals(FACES, codes.faces());
            assertEquals(ids.getLast(), codes.source().lastFaceId());
        }
    }

    @Test
    void aWriteDeletesWhatAKilledWriterLeftButNotAWriteInProgress() throws IOException {
        Files.createDirectories(cache);
        Path abandoned = Files.writeString(cache.resolve(file.getFileName() + ".123.partial"), "killed mid-write");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path inProgress = Files.writeString(cache.resolve(file.getFileName() + ".456.partial"), "another writer");
        search(vectors.get(0), 10, 1);
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(inProgress));
    }

    @Test
    void facesAddedSinceAreFoundWithoutARewrite() throws IOException {
        search(vectors.get(0), 10, 1);
        Object written = fileKey();
        List<float[]> added = new ArrayList<>();
        List<Long> addedIds = new ArrayList<>();
        AssignedFaces.store(db, MODEL, 3, DIMENSION, new SplittableRandom(42), added, addedIds);
        try (ClusterScan scan = new ClusterScan(cache)) {
            for (int i = 0; i < 3; i++) {
                ScanResult result = scan.search(db, MODEL, added.get(i), new SearchParams(10, 1)).orElseThrow();
                assertEquals(new Neighbor(addedIds.get(i), 0f), result.neighbors().getFirst());
            }
        }
        assertEquals(written, fileKey());
    }

    @Test
    void aFaceErasedSinceIsNotReturnedAndLeavesTheFile() throws IOException {
        search(vectors.get(7), 10, k);
        Object written = fileKey();
        long face = ids.get(7);
        ProfileEraser.erase(db, List.of(db.select(FACE.PROFILE_ID).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.PROFILE_ID)));
        List<Neighbor> after = search(vectors.get(7), 10, k);
        assertFalse(after.stream().anyMatch(n -> n.id() == face), "an erased face came back: " + after);
        assertEquals(10, after.size());
        assertNotEquals(written, fileKey(), "the file kept a forgotten face's code");
        try (CodeFile codes = CodeFile.open(file)) {
            assertEquals(FACES - 1, codes.faces());
        }
        assertEquals(1, CodeFiles.deleteAll(cache));
        assertFalse(Files.exists(file));
    }

    @Test
    void aTruncatedFileIsWrittenAnew() throws IOException {
        search(vectors.get(0), 10, 1);
        Object written = fileKey();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        assertEquals(ids.get(5), search(vectors.get(5), 10, 2).getFirst().id());
        assertNotEquals(written, fileKey());
        CodeFile.open(file).close();
    }

    @Test
    void aReclusterMakesItBeWrittenForTheNewVersion() throws IOException {
        search(vectors.get(0), 10, 1);
        long before = source().clusteringId();
        new Recluster(db, ReclusterOptions.defaults(300, 0.5).withK(k + 3), ReclusterProgress.NONE).recluster(MODEL);
        try (ClusterScan scan = new ClusterScan(cache)) {
            ScanResult result = scan.search(db, MODEL, vectors.get(9), new SearchParams(10, 2)).orElseThrow();
            assertEquals(ids.get(9), result.neighbors().getFirst().id());
            assertNotEquals(before, result.clusteringId());
            assertEquals(result.clusteringId(), source().clusteringId());
        }
    }

    @Test
    void tooManyFacesAddedSinceMakeItBeWrittenAnew() throws IOException {
        search(vectors.get(0), 10, 1);
        Object written = fileKey();
        AssignedFaces.store(db, MODEL, CodeFiles.MAX_CHANGES, DIMENSION, new SplittableRandom(43), new ArrayList<>(),
                new ArrayList<>());
        search(vectors.get(1), 10, 1);
        assertEquals(written, fileKey(), "up to the limit the added faces are measured, not written");
        List<Long> lastIds = new ArrayList<>();
        AssignedFaces.store(db, MODEL, 1, DIMENSION, new SplittableRandom(44), new ArrayList<>(), lastIds);
        search(vectors.get(1), 10, 1);
        assertNotEquals(written, fileKey());
        assertEquals(lastIds.getFirst().longValue(), source().lastFaceId());
    }

    private List<Neighbor> search(float[] query, int top, int nprobe) {
        try (ClusterScan scan = new ClusterScan(cache)) {
            return scan.search(db, MODEL, query, new SearchParams(top, nprobe)).orElseThrow().neighbors();
        }
    }

    private Object fileKey() throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private CodeFile.Source source() throws IOException {
        try (CodeFile codes = CodeFile.open(file)) {
            return codes.source();
        }
    }
}
