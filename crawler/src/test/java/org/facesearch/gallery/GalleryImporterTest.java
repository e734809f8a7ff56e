package org.facesearch.gallery;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.facesearch.crawl.LogProgress;
import org.facesearch.crawl.StoragePath;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.crawl.TestClusters;
import org.facesearch.crawl.TestImages;
import org.facesearch.store.Database;
import org.facesearch.testing.ImageBombs;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.testing.TestDatabase;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facesearch import} on a real database: a folder tree and a CSV through the storage path. */
class GalleryImporterTest {
    @TempDir
    Path dir;

    Database db;
    StoragePath storage;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        storage = new StoragePath(db.dsl(), TestImages.ANALYZER, TestClusters.hook(db.dsl(), 47_000), 2);
    }

    @AfterEach
    void tearDown() {
        storage.close();
        db.close();
    }

    StoreCounts importAll(List<GalleryEntry> entries) throws InterruptedException {
        try (LogProgress progress = new LogProgress()) {
            return new GalleryImporter(storage, 2).importAll(entries, progress);
        }
    }

    /** Ada: 2 face photos; Alan: 1 face + 1 without a face; Grace: 1 face, 1 corrupt image, 1 text file. */
    void writeTree() throws IOException {
        write("Ada Lovelace/1.jpg", TestImages.face(1));
        write("Ada Lovelace/old/2.JPG", TestImages.face(2));
        write("Alan Turing/a.jpg", TestImages.face(3));
        write("Alan Turing/sky.jpg", TestImages.noFace());
        write("Grace Hopper/g.jpg", TestImages.face(4));
        write("Grace Hopper/bad.webp", TestImages.corruptWebp());
        write("Grace Hopper/notes.txt", "not a photo".getBytes());
        write("stray.jpg", TestImages.face(5));
    }

    void write(String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    Map<String, Integer> facesPerPerson() {
        return db.dsl().select(PROFILE.DISPLAY_NAME, DSL.count(FACE.ID)).from(PROFILE).join(FACE).on(FACE.PROFILE_ID.eq(PROFILE.ID))
                .groupBy(PROFILE.DISPLAY_NAME).fetchMap(r -> r.value1(), r -> r.value2());
    }

    @Test
    void aFolderTreeStoresOneProfilePerPersonAndARerunStoresNothingTwice() throws Exception {
        writeTree();
        List<GalleryEntry> entries = GalleryScan.folders(dir);
        assertEquals(6, entries.size(), "images under person folders only: " + entries);

        StoreCounts first = importAll(entries);

        assertEquals(new StoreCounts(6, 6, 4, 1, 1, 0, 0, 0), first);
        assertEquals(Map.of("Ada Lovelace", "gallery", "Alan Turing", "gallery", "Grace Hopper", "gallery"),
                db.dsl().select(PROFILE.EXTERNAL_ID, PROFILE.SOURCE).from(PROFILE).fetchMap(PROFILE.EXTERNAL_ID, PROFILE.SOURCE));
        assertEquals(Map.of("Ada Lovelace", 2, "Alan Turing", 1, "Grace Hopper", 1), facesPerPerson());
        assertEquals(List.of("failed", "no_face"), db.dsl().select(PHOTO.STATUS).from(PHOTO).where(PHOTO.STATUS.ne("ok"))
                .orderBy(PHOTO.STATUS).fetch(PHOTO.STATUS));
        assertEquals(4, db.dsl().fetchCount(FACE_CLUSTER));

        StoreCounts again = importAll(GalleryScan.folders(dir));

        assertEquals(new StoreCounts(6, 0, 0, 0, 0, 0, 6, 0), again);
        assertEquals(3, db.dsl().fetchCount(PROFILE));
        assertEquals(6, db.dsl().fetchCount(PHOTO));
        assertEquals(4, db.dsl().fetchCount(FACE));

        // a forgotten person is not imported again, though their photos are new to the database once more
        long ada = db.dsl().select(PROFILE.ID).from(PROFILE).where(PROFILE.EXTERNAL_ID.eq("Ada Lovelace")).fetchSingle(PROFILE.ID);
        ProfileEraser.erase(db.dsl(), List.of(ada));
        long adaEntries = entries.stream().filter(e -> e.person().equals("Ada Lovelace")).count();
        StoreCounts afterForget = importAll(GalleryScan.folders(dir));
        assertEquals(adaEntries, afterForget.doNotCollect());
        assertEquals(0, afterForget.faces());
        assertEquals(Map.of("Alan Turing", 1, "Grace Hopper", 1), facesPerPerson());
    }

    @Test
    void aCsvNamesPeopleWithCommasAndLinks() throws Exception {
        write("photos/x.jpg", TestImages.face(7));
        write("photos/y.jpg", TestImages.face(8));
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, """
                path,name,url
                photos/x.jpg,"King, Martin Luther",https://example.org/mlk
                photos/y.jpg,Rosa Parks,
                photos/missing.jpg,Rosa Parks,
                """);

        StoreCounts counts = importAll(GalleryCsv.read(csv));

        assertEquals(new StoreCounts(3, 3, 2, 0, 1, 0, 0, 0), counts, "the missing file is stored as a failed photo");
        assertEquals("https://example.org/mlk", db.dsl().select(PROFILE.PROFILE_URL).from(PROFILE)
                .where(PROFILE.DISPLAY_NAME.eq("King, Martin Luther")).fetchOne(PROFILE.PROFILE_URL));
        assertEquals(Map.of("King, Martin Luther", 1, "Rosa Parks", 1), facesPerPerson());
    }

    /** Issue 16: a decompression bomb in a gallery is a failed photo saying its size, and nothing is decoded. */
    @Test
    void aPhotoAboveThePixelLimitIsStoredAsFailedTooLarge() throws Exception {
        write("Bomb Person/bomb.png", ImageBombs.png(20_000, 20_000));
        write("Bomb Person/ok.jpg", TestImages.face(9));

        StoreCounts counts = importAll(GalleryScan.folders(dir));

        assertEquals(1, counts.failed(), counts.toString());
        assertEquals(1, counts.faces(), counts.toString());
        assertEquals("too large (20000 x 20000 pixels; the limit is 40 megapixels)", db.dsl().select(PHOTO.FAILURE_REASON)
                .from(PHOTO).where(PHOTO.STATUS.eq("failed")).fetchSingle(PHOTO.FAILURE_REASON));
    }

    @Test
    void aMalformedCsvLineIsReportedWithItsNumber() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a.jpg,Someone\njust-a-path\n");
        IOException e = assertThrows(IOException.class, () -> GalleryCsv.read(csv));
        assertEquals(true, e.getMessage().contains("line 2"), e.getMessage());
    }
}
