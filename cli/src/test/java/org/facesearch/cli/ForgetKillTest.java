package org.facesearch.cli;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.DO_NOT_COLLECT;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.FACE_REMOVAL;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.store.clusters.ClusteringWrites;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code facesearch forget} in the middle of its transaction: the person is still fully
 * present (every row, the centroid size, not on the list), and the same command run again removes them fully.
 * The forget runs in a child JVM ({@link Main}, as {@code bin/facesearch} runs it). To kill it at a known point
 * without a hook in the product, this test holds a row lock on the person's profile row: the child deletes the
 * cluster rows, faces and photos, then waits for that lock on its last statement; the test sees it waiting with
 * rows modified ({@code information_schema.innodb_trx}) and kills it there.
 */
class ForgetKillTest {
    private static final String MODEL = "faceres";

    @TempDir
    Path dir;

    @Test
    void aForgetKilledMidWayLeavesThePersonWholeAndARerunRemovesThem() throws Exception {
        ConnectionSettings settings = TestDatabase.settingsFor("forget_kill" + ProcessHandle.current().pid());
        try (Database database = Database.connect(settings, null)) {
            DSLContext db = database.dsl();
            SplittableRandom random = new SplittableRandom(5);
            List<Long> faces = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                faces.add(StoredFaces.insert(db, MODEL, StoredFaces.randomUnit(random, 8), "vk", Integer.toString(40 + i),
                        "Person " + i, null, "https://example.invalid/" + i + ".jpg"));
            }
            long version = ClusteringWrites.createInitial(db, MODEL, 100, faces.getFirst(), vector(db, faces.getFirst()));
            for (long face : faces.subList(1, faces.size())) {
                ClusteringWrites.addFace(db, version, 0, face, new byte[1]);  // no code is read here
            }
            long person = db.select(PROFILE.ID).from(PROFILE).where(PROFILE.EXTERNAL_ID.eq("42")).fetchSingle(PROFILE.ID);
            List<String> args = List.of("forget", "vk:42", "--yes", "--home", dir.toString(), "--db-url", database.url());

            Connection lock = database.dataSource().getConnection();
            Process child;
            try {
                lock.setAutoCommit(false);
                DSL.using(lock).select(PROFILE.ID).from(PROFILE).where(PROFILE.ID.eq(person)).forUpdate().fetch();
                child = ChildProcess.start(Main.class, args, settings, dir.resolve("child.log"));
                try {
                    waitForBlockedWriter(db, child);
                    child.destroyForcibly();  // SIGKILL: the database rolls the dead session's transaction back
                    child.waitFor();
                } finally {
                    child.destroyForcibly();
                }
            } finally {
                lock.rollback();
                lock.close();
            }
            assertEquals(6, db.fetchCount(PROFILE));
            assertEquals(6, db.fetchCount(PHOTO));
            assertEquals(6, db.fetchCount(FACE));
            assertEquals(6, db.fetchCount(FACE_CLUSTER));
            assertEquals(6, sizeOfCluster(db, version), "the centroid size is untouched");
            assertEquals(0, db.fetchCount(DO_NOT_COLLECT));
            assertEquals(0, db.fetchCount(FACE_REMOVAL));

            CliRunner.Outcome again = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains("forgot 1 profile(s) (vk:42)"), again.out());
            assertEquals(0, db.fetchCount(PROFILE, PROFILE.ID.eq(person)));
            assertEquals(0, db.fetchCount(PHOTO, PHOTO.PROFILE_ID.eq(person)));
            assertEquals(0, db.fetchCount(FACE, FACE.PROFILE_ID.eq(person)));
            assertEquals(5, db.fetchCount(FACE_CLUSTER));
            assertEquals(5, sizeOfCluster(db, version));
            assertEquals(1, db.fetchCount(DO_NOT_COLLECT));
        }
    }

    /**
     * Waits until the child's transaction waits for the profile row this test holds: its last statement (the
     * profile delete), after every other row of the person was changed in the same transaction. Read from the
     * process list: {@code innodb_trx} does not list the child's transaction to this session on every server.
     */
    private void waitForBlockedWriter(DSLContext db, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (db.fetchCount(DSL.table("information_schema.processlist"),
                DSL.field("info", String.class).like("delete from `profile`%")) == 0) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child forget never blocked mid-way; see " + dir.resolve("child.log"));
            }
            Thread.sleep(20);
        }
    }

    private static int sizeOfCluster(DSLContext db, long version) {
        return db.select(CENTROID.SIZE).from(CENTROID).where(CENTROID.CLUSTERING_ID.eq(version), CENTROID.CLUSTER_ID.eq(0))
                .fetchSingle(CENTROID.SIZE);
    }

    private static float[] vector(DSLContext db, long face) {
        return VectorCodec.decode(db.select(FACE.VECTOR).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.VECTOR));
    }
}
