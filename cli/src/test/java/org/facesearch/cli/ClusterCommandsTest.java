package org.facesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.SplittableRandom;
import org.facesearch.cli.CliRunner.Outcome;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.index.CodeFile;
import org.facesearch.search.CodeFiles;
import org.facesearch.store.clusters.Clusterings;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.faces.EmbedderModel;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facesearch recluster} and {@code facesearch clusters} against a real database. */
class ClusterCommandsTest {
    private static final String FACERES = EmbedderModel.FACERES.id();

    @TempDir
    Path home;

    private ConnectionSettings settings;
    private Database database;

    @BeforeEach
    void open() {
        settings = TestDatabase.settingsFor("cli_clusters_" + System.nanoTime());
        database = Database.connect(settings, null);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Outcome run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        all[args.length + 2] = "--db-url";
        all[args.length + 3] = settings.url();
        return CliRunner.run(all);
    }

    @Test
    void anEmptyDatabaseSaysSo() {
        Outcome clusters = run("clusters");
        assertEquals(0, clusters.code(), clusters.err());
        assertTrue(clusters.out().contains("the database holds no faces of model faceres"), clusters.out());
        Outcome recluster = run("recluster");
        assertEquals(0, recluster.code(), recluster.err());
        assertTrue(recluster.out().contains("nothing to recluster"), recluster.out());
    }

    @Test
    void aReclusterWritesTheSearchCacheOfItsNewVersion() throws IOException {
        ClusterAssignment assignment = new ClusterAssignment(500);
        SplittableRandom random = new SplittableRandom(4);
        database.dsl().transaction(c -> {
            for (int i = 0; i < 300; i++) {
                float[] v = StoredFaces.randomUnit(random, EmbedderModel.FACERES.dimensions());
                assignment.assignNewFace(c.dsl(), FACERES, StoredFaces.insert(c.dsl(), FACERES, v), v);
            }
        });
        Outcome done = run("recluster", "--cap", "100");
        assertEquals(0, done.code(), done.err());
        long active = Clusterings.active(database.dsl(), FACERES).orElseThrow().id();
        try (CodeFile cache = CodeFile.open(new CodeFiles(home.resolve("cache")).pathOf(FACERES))) {
            assertEquals(active, cache.source().clusteringId());
            assertEquals(300, cache.faces());
        }
    }

    @Test
    void dryRunPlansReclusterSwitchesClustersReports() {
        ClusterAssignment assignment = new ClusterAssignment(500);
        SplittableRandom random = new SplittableRandom(3);
        database.dsl().transaction(c -> {
            for (int i = 0; i < 1_200; i++) {
                float[] v = StoredFaces.randomUnit(random, 8);
                assignment.assignNewFace(c.dsl(), FACERES, StoredFaces.insert(c.dsl(), FACERES, v), v);
            }
        });
        long before = Clusterings.active(database.dsl(), FACERES).orElseThrow().id();

        Outcome stats = run("clusters", "--cap", "500");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("k 1; cluster sizes min 1,200, median 1,200, max 1,200; 1 of 1 clusters over the cap of 500"),
                stats.out());

        Outcome dry = run("recluster", "--dry-run", "--cap", "500");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("planned: k = 5"), dry.out());
        assertEquals(before, Clusterings.active(database.dsl(), FACERES).orElseThrow().id(), "dry run changes nothing");

        Outcome done = run("recluster", "--cap", "500", "--k", "6");
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().contains("reclustering with k = 6"), done.out());
        assertTrue(done.out().contains("1,200 faces assigned"), done.out());

        Outcome after = run("clusters", "--cap", "500");
        assertTrue(after.out().contains("k 6;"), after.out());
        assertTrue(after.out().contains("0 of 6 clusters over the cap of 500"), after.out());
    }

    @Test
    void aReclusterWhileAnotherRunsIsRefusedWithExitOne() throws Exception {
        database.dsl().transaction(c -> {
            float[] v = StoredFaces.randomUnit(new SplittableRandom(4), 8);
            new ClusterAssignment(500).assignNewFace(c.dsl(), FACERES, StoredFaces.insert(c.dsl(), FACERES, v), v);
        });
        try (Connection other = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             ResultSet lock = other.createStatement().executeQuery("select get_lock('facesearch-recluster', 0)")) {
            lock.next();
            assertEquals(1, lock.getInt(1));
            Outcome refused = run("recluster");
            assertEquals(FaceSearchCommand.EXIT_FAILURE, refused.code());
            assertTrue(refused.err().contains("another recluster is running"), refused.err());
            assertTrue(!refused.err().contains("\tat "), "no stack trace: " + refused.err());
        }
    }
}
