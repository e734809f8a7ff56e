package org.facesearch.cli;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.cli.CliRunner.Outcome;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facesearch import --vectors}: known embeddings stored bit-exact with their names, then clustered. */
class VectorImportTest {
    private static final int FACES = 1_200;
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
            Outcome imported = CliRunner.run("import", "--vectors", vectorFile.toString(), "--names", nameFile.toString(),
                    "--quiet", "--home", home.toString(), "--db-url", settings.url());
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.out().contains("1,200 faces of " + FACERES + " stored"), imported.out());
            DSLContext db = database.dsl();
            List<byte[]> stored = db.select(FACE.VECTOR).from(FACE).orderBy(FACE.ID).fetch(FACE.VECTOR);
            assertEquals(FACES, stored.size());
            for (int i = 0; i < FACES; i++) {
                assertArrayEquals(VectorCodec.encode(vectors.get(i)), stored.get(i), "vector of row " + i);
            }
            assertEquals("Person 7", db.select(PROFILE.DISPLAY_NAME).from(PROFILE).where(PROFILE.EXTERNAL_ID.eq("id-7"))
                    .fetchSingle(PROFILE.DISPLAY_NAME));
            long version = Clusterings.active(db, FACERES).orElseThrow().id();
            assertEquals(FACES, db.fetchCount(FACE_CLUSTER, FACE_CLUSTER.CLUSTERING_ID.eq(version)));

            Outcome again = CliRunner.run("import", "--vectors", vectorFile.toString(), "--names", home.resolve("short.csv").toString(),
                    "--home", home.toString(), "--db-url", settings.url());
            assertEquals(1, again.code(), again.out());
            assertTrue(again.err().contains("no such file: " + home.resolve("short.csv")), again.err());
        }
    }
}
