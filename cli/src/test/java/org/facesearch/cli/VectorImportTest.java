package org.facesearch.cli;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.cli.CliRunner.Outcome;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.faces.FaceBulkInsert;
import org.facesearch.store.privacy.DoNotCollect;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facesearch import --vectors}: known embeddings stored bit-exact with their names, then clustered; a row whose id
 * is on the do-not-collect list is not stored, and a re-run stores nothing twice. With {@code --vectors -} the rows
 * come through a real pipe into a child process, as from a generator or another tool. In small transactions, the
 * writers that store them at once give every row its own profile, photo and face, and a names file that ends early
 * stops them with the rows before it stored.
 */
class VectorImportTest {
    private static final int FACES = 1_200;
    private static final int LISTED = 11;
    private static final int DIMENSION = 1024;
    private static final String FACERES = EmbedderModel.FACERES.id();

    @TempDir
    Path home;

    @Test
    void vectorsAndNamesAreStoredBitExactAndClustered() throws Exception {
        SplittableRandom random = new SplittableRandom(8);
        ByteBuffer file = ByteBuffer.allocate(FACES * DIMENSION * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> vectors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FACES; i++) {
            float[] v = StoredFaces.randomUnit(random, DIMENSION);
            vectors.add(v);
            file.asFloatBuffer().position(i * DIMENSION).put(v);
            names.add("id-" + i + ",Person " + i);
        }
        Path vectorFile = Files.write(home.resolve("faces.f32"), file.array());
        Path nameFile = Files.write(home.resolve("names.csv"), names);
        ConnectionSettings settings = TestDatabase.settingsFor("cli_vectors_" + System.nanoTime());
        try (Database database = Database.connect(settings, null)) {
            DSLContext db = database.dsl();
            DoNotCollect.add(db, VectorImport.SOURCE, "id-" + LISTED);   // a person who asked to be forgotten
            Outcome imported = CliRunner.run("import", "--vectors", vectorFile.toString(), "--names", nameFile.toString(),
                    "--quiet", "--home", home.toString(), "--db-url", settings.url());
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.out().contains("1,199 faces of " + FACERES + " stored"), imported.out());
            assertTrue(imported.out().contains("skipped 0 already stored and 1 on the do-not-collect list"), imported.out());
            List<byte[]> stored = db.select(FACE.VECTOR).from(FACE).orderBy(FACE.ID).fetch(FACE.VECTOR);
            assertEquals(FACES - 1, stored.size());
            for (int i = 0, row = 0; row < FACES; row++) {
                if (row != LISTED) {
                    assertArrayEquals(VectorCodec.encode(vectors.get(row)), stored.get(i++), "vector of row " + row);
                }
            }
            assertEquals(0, db.fetchCount(PROFILE, PROFILE.EXTERNAL_ID.eq("id-" + LISTED)));
            assertEquals("Person 7", db.select(PROFILE.DISPLAY_NAME).from(PROFILE).where(PROFILE.EXTERNAL_ID.eq("id-7"))
                    .fetchSingle(PROFILE.DISPLAY_NAME));
            long version = Clusterings.active(db, FACERES).orElseThrow().id();
            assertEquals(FACES - 1, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.CLUSTERING_ID.eq(version)));

            // a re-run (as after a kill) stores nothing twice and keeps the clustering
            Outcome rerun = CliRunner.run("import", "--vectors", vectorFile.toString(), "--names", nameFile.toString(),
                    "--quiet", "--home", home.toString(), "--db-url", settings.url());
            assertEquals(0, rerun.code(), rerun.err());
            assertTrue(rerun.out().contains("import: 0 faces of " + FACERES + " stored"), rerun.out());
            assertTrue(rerun.out().contains("skipped 1,199 already stored and 1 on the do-not-collect list"), rerun.out());
            assertEquals(FACES - 1, db.fetchCount(FACE));
            assertEquals(version, Clusterings.active(db, FACERES).orElseThrow().id());

            Outcome again = CliRunner.run("import", "--vectors", vectorFile.toString(), "--names", home.resolve("short.csv").toString(),
                    "--home", home.toString(), "--db-url", settings.url());
            assertEquals(1, again.code(), again.out());
            assertTrue(again.err().contains("no such file: " + home.resolve("short.csv")), again.err());
        }
    }

    @Test
    void rowsPipedToStandardInputAreStoredAndATruncatedRowIsReported() throws Exception {
        int rows = 1_000;
        int stored = 700;
        byte[] bytes = randomRows(rows, 9);
        int rowBytes = DIMENSION * Float.BYTES;
        ConnectionSettings settings = TestDatabase.settingsFor("cli_vectors_pipe_" + System.nanoTime());
        try (Database database = Database.connect(settings, null)) {
            DSLContext db = database.dsl();
            List<String> args = List.of("import", "--vectors", "-", "--quiet", "--home", home.toString(), "--db-url", settings.url());

            // the input ends 100 bytes into row 700: the 700 complete rows are stored, then the error
            String truncated = pipe(args, settings, bytes, stored * rowBytes + 100, "truncated.log");
            assertTrue(truncated.contains("standard input ended inside row 700: 100 of its 4,096 bytes"), truncated);
            List<byte[]> vectors = db.select(FACE.VECTOR).from(FACE).orderBy(FACE.ID).fetch(FACE.VECTOR);
            assertEquals(stored, vectors.size());
            for (int row = 0; row < stored; row++) {
                assertArrayEquals(Arrays.copyOfRange(bytes, row * rowBytes, (row + 1) * rowBytes), vectors.get(row), "row " + row);
            }
            assertEquals("face 699", db.select(PROFILE.DISPLAY_NAME).from(PROFILE).where(PROFILE.EXTERNAL_ID.eq("699"))
                    .fetchSingle(PROFILE.DISPLAY_NAME));
            assertTrue(Clusterings.active(db, FACERES).isEmpty(), "no recluster after a failed import");

            // the whole input again: what is stored is skipped, the rest stored, all clustered
            String rerun = pipe(args, settings, bytes, bytes.length, "rerun.log");
            assertTrue(rerun.contains("import: 300 faces of " + FACERES + " stored"), rerun);
            assertTrue(rerun.contains("skipped 700 already stored"), rerun);
            vectors = db.select(FACE.VECTOR).from(FACE).orderBy(FACE.ID).fetch(FACE.VECTOR);
            assertEquals(rows, vectors.size());
            for (int row = 0; row < rows; row++) {
                assertArrayEquals(Arrays.copyOfRange(bytes, row * rowBytes, (row + 1) * rowBytes), vectors.get(row), "row " + row);
            }
            long version = Clusterings.active(db, FACERES).orElseThrow().id();
            assertEquals(rows, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.CLUSTERING_ID.eq(version)));
        }
    }

    @Test
    void manySmallTransactionsStoredAtOnceGiveEveryRowItsOwnProfilePhotoAndFace() throws Exception {
        int rows = 1_000;
        int chunk = 64;
        byte[] bytes = randomRows(rows, 10);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            names.add("id-" + i + ",Person " + i);
        }
        int rowBytes = DIMENSION * Float.BYTES;
        Path stdin = Path.of(VectorImport.STANDARD_INPUT);
        Path nameFile = Files.write(home.resolve("names.csv"), names);
        Path shortNames = Files.write(home.resolve("short.csv"), names.subList(0, 900));
        try (Database database = TestDatabase.fresh()) {
            // the names end at line 900, inside the transaction of rows 896..959: the 896 rows before it are stored
            VectorImport early = new VectorImport(stdin, shortNames, DIMENSION, new ByteArrayInputStream(bytes), chunk);
            UserException ended = assertThrows(UserException.class, () -> early.run(database.dataSource(), FACERES, done -> { }));
            assertTrue(ended.getMessage().contains("ended at line 900, but standard input holds more rows (the 896 rows"),
                    ended.getMessage());
            assertEquals(896, database.dsl().fetchCount(FACE));

            List<Long> progress = new ArrayList<>();
            FaceBulkInsert.Outcome outcome = new VectorImport(stdin, nameFile, DIMENSION, new ByteArrayInputStream(bytes), chunk)
                    .run(database.dataSource(), FACERES, progress::add);
            assertEquals(new FaceBulkInsert.Outcome(rows - 896, 896, 0), outcome);
            assertEquals(Math.ceilDiv(rows, chunk), progress.size(), "told once a transaction");
            assertEquals(rows, progress.getLast());
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i) > progress.get(i - 1), "progress only grows: " + progress);
            }
            List<Record4<String, String, String, byte[]>> faces = database.dsl()
                    .select(PROFILE.EXTERNAL_ID, PROFILE.DISPLAY_NAME, PHOTO.URL, FACE.VECTOR).from(FACE)
                    .join(PHOTO).on(PHOTO.ID.eq(FACE.PHOTO_ID).and(PHOTO.PROFILE_ID.eq(FACE.PROFILE_ID)))
                    .join(PROFILE).on(PROFILE.ID.eq(FACE.PROFILE_ID)).fetch();
            assertEquals(rows, faces.size());
            for (Record4<String, String, String, byte[]> face : faces) {
                int row = Integer.parseInt(face.value1().substring("id-".length()));
                assertEquals("Person " + row, face.value2());
                assertEquals("vectors:stdin#" + row, face.value3());
                assertArrayEquals(Arrays.copyOfRange(bytes, row * rowBytes, (row + 1) * rowBytes), face.value4(), "row " + row);
            }
        }
    }

    /** {@code rows} random unit vectors as float32 little-endian rows (no zeros: each is stored as float32). */
    private static byte[] randomRows(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer all = ByteBuffer.allocate(rows * DIMENSION * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows; i++) {
            all.asFloatBuffer().position(i * DIMENSION).put(StoredFaces.randomUnit(random, DIMENSION));
        }
        return all.array();
    }

    /** Runs {@code facesearch args} in a child process with the first {@code length} bytes on its standard input; its output. */
    private String pipe(List<String> args, ConnectionSettings settings, byte[] bytes, int length, String log) throws Exception {
        Path logFile = home.resolve(log);
        Process child = ChildProcess.start(Main.class, args, settings, logFile);
        try (OutputStream in = child.getOutputStream()) {
            in.write(bytes, 0, length);
        }
        int code = child.waitFor();
        String output = Files.readString(logFile);
        assertEquals(length % (DIMENSION * Float.BYTES) == 0 ? 0 : 1, code, output);
        return output;
    }
}
