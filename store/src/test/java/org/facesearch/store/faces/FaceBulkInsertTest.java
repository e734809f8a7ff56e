package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.store.privacy.DoNotCollect;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Record5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk path of {@code import --vectors}, one call per committed batch: a batch that fails half-way (as a killed
 * import's last batch) leaves nothing, a re-run over all batches stores each face once, bit-exact, and faces on the
 * do-not-collect list are not stored; calls on two threads at once link every face to its own photo and profile,
 * with the server's ids and with ids taken under lock.
 */
class FaceBulkInsertTest {
    private static final int DIMENSION = 1024;
    private static final int ROW_BYTES = DIMENSION * Float.BYTES;
    private static final int BATCH = FaceBulkInsert.ROWS + 88;   // more than one multi-row INSERT a batch
    private static final int BATCHES = 3;

    @Test
    void aFailedBatchLeavesNothingAndARerunStoresEveryFaceOnceBitExactExceptTheListedOnes() throws Exception {
        byte[] all = new byte[BATCH * BATCHES * ROW_BYTES];
        new SplittableRandom(13).nextBytes(all);
        for (int row = 1; row < BATCH * BATCHES; row += 2) {
            for (int d = 0; d < DIMENSION; d += 3) {
                Arrays.fill(all, row * ROW_BYTES + d * Float.BYTES, row * ROW_BYTES + (d + 1) * Float.BYTES, (byte) 0);
            }
        }   // odd rows a third zeros (stored sparse), even rows none (stored as float32)
        try (Database database = TestDatabase.fresh()) {
            DSLContext db = database.dsl();
            DoNotCollect.add(db, "vectors", "id-" + (BATCH + 5));
            assertEquals(new FaceBulkInsert.Outcome(BATCH, 0, 0), batch(database.dataSource(), 0, all, null));

            // batch 2 fails on its last face (an id longer than the column), after its first 512 rows were sent
            String tooLong = "x".repeat(300);
            assertThrows(SQLException.class, () -> batch(database.dataSource(), 1, all, tooLong));
            assertEquals(BATCH, db.fetchCount(FACE));
            assertEquals(BATCH, db.fetchCount(PROFILE));

            FaceBulkInsert.Outcome rerun = new FaceBulkInsert.Outcome(0, 0, 0);
            for (int b = 0; b < BATCHES; b++) {
                rerun = rerun.plus(batch(database.dataSource(), b, all, null));
            }
            assertEquals(new FaceBulkInsert.Outcome(2 * BATCH - 1, BATCH, 1), rerun);
            List<Record2<String, byte[]>> stored = db.select(PROFILE.EXTERNAL_ID, FACE.VECTOR).from(FACE)
                    .join(PROFILE).on(PROFILE.ID.eq(FACE.PROFILE_ID)).orderBy(FACE.ID).fetch();
            assertEquals(BATCH * BATCHES - 1, stored.size());
            int next = 0;
            for (int row = 0; row < BATCH * BATCHES; row++) {
                if (row == BATCH + 5) {
                    continue;   // on the do-not-collect list
                }
                Record2<String, byte[]> face = stored.get(next++);
                assertEquals("id-" + row, face.value1());
                assertArrayEquals(VectorCodec.encode(all, row * ROW_BYTES, DIMENSION), face.value2(), "row " + row);
                assertEquals(row % 2 == 0, face.value2().length == ROW_BYTES, "row " + row + " in float32");
            }
        }
    }

    /**
     * Two threads store alternate batches at once, from a pool of only two connections. An
     * {@code auto_increment_increment} of 2 spaces the server's ids out, so the calls must take their ids themselves,
     * under lock (on their own connections: a third one is never free).
     */
    @ParameterizedTest(name = "auto_increment_increment {0}")
    @ValueSource(ints = {1, 2})
    void callsAtOnceLinkEveryFaceToItsOwnPhotoAndProfile(int increment) throws Exception {
        int batches = 6;
        byte[] all = new byte[BATCH * batches * ROW_BYTES];
        new SplittableRandom(increment).nextBytes(all);
        ConnectionSettings four = TestDatabase.settingsFor("bulk_pool_" + ProcessHandle.current().pid() + "_" + increment);
        ConnectionSettings two = new ConnectionSettings(four.url(), four.user(), four.password(), 2);
        try (Database database = Database.connect(two, null); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            DataSource source = withIncrement(database.dataSource(), increment);
            List<Future<FaceBulkInsert.Outcome>> calls = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int first = t;
                calls.add(threads.submit(() -> {
                    FaceBulkInsert.Outcome done = new FaceBulkInsert.Outcome(0, 0, 0);
                    for (int b = first; b < batches; b += 2) {
                        done = done.plus(batch(source, b, all, null));
                    }
                    return done;
                }));
            }
            for (Future<FaceBulkInsert.Outcome> call : calls) {
                assertEquals(new FaceBulkInsert.Outcome(BATCH * batches / 2, 0, 0), call.get());
            }
            List<Record5<String, String, Long, Long, byte[]>> faces = database.dsl()
                    .select(PROFILE.EXTERNAL_ID, PHOTO.URL, PHOTO.PROFILE_ID, FACE.PROFILE_ID, FACE.VECTOR).from(FACE)
                    .join(PHOTO).on(PHOTO.ID.eq(FACE.PHOTO_ID)).join(PROFILE).on(PROFILE.ID.eq(FACE.PROFILE_ID)).fetch();
            assertEquals(BATCH * batches, faces.size());
            assertEquals(BATCH * batches, database.dsl().fetchCount(PHOTO));
            for (Record5<String, String, Long, Long, byte[]> face : faces) {
                int row = Integer.parseInt(face.value1().substring("id-".length()));
                assertEquals("vectors:test#" + row, face.value2(), "the photo of row " + row);
                assertEquals(face.value4(), face.value3(), "the photo's profile of row " + row);
                assertArrayEquals(VectorCodec.encode(all, row * ROW_BYTES, DIMENSION), face.value5(), "row " + row);
            }
        }
    }

    /**
     * Two calls at once whose batches share an id (a names file that repeats one): whichever commits first stores it,
     * the other skips it, after a duplicate key and a rerun when they meet inside their transactions.
     */
    @Test
    void callsAtOnceThatShareAnIdStoreItOnce() throws Exception {
        byte[] all = new byte[BATCH * 6 * ROW_BYTES];
        new SplittableRandom(5).nextBytes(all);
        try (Database database = TestDatabase.fresh(); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int pair = 0; pair < 3; pair++) {
                String shared = "shared-" + pair;
                int first = 2 * pair;
                Future<FaceBulkInsert.Outcome> a = threads.submit(() -> batch(database.dataSource(), first, all, shared));
                Future<FaceBulkInsert.Outcome> b = threads.submit(() -> batch(database.dataSource(), first + 1, all, shared));
                assertEquals(new FaceBulkInsert.Outcome(2 * BATCH - 1, 1, 0), a.get().plus(b.get()), shared);
                assertEquals(1, database.dsl().fetchCount(PROFILE, PROFILE.EXTERNAL_ID.eq(shared)), shared);
            }
            assertEquals(6 * BATCH - 3, database.dsl().fetchCount(FACE));
        }
    }

    /** {@code pool}, its connections' {@code auto_increment_increment} set to {@code increment} until closed. */
    private static DataSource withIncrement(DataSource pool, int increment) {
        return (DataSource) Proxy.newProxyInstance(FaceBulkInsertTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (self, method, args) -> {
                    if (!method.getName().equals("getConnection") || args != null) {
                        return invoke(method, pool, args);
                    }
                    Connection connection = pool.getConnection();
                    setIncrement(connection, increment);
                    return Proxy.newProxyInstance(FaceBulkInsertTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (proxy, call, callArgs) -> {
                                if (call.getName().equals("close")) {
                                    setIncrement(connection, 1);   // back into the pool as it came
                                }
                                return invoke(call, connection, callArgs);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void setIncrement(Connection connection, int increment) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set session auto_increment_increment = " + increment);
        }
    }

    /** Stores batch {@code b} of {@code all}; {@code lastId}, when given, replaces the id of its last face. */
    private static FaceBulkInsert.Outcome batch(DataSource source, int b, byte[] all, String lastId) throws SQLException {
        String[] ids = new String[BATCH];
        String[] names = new String[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ids[i] = "id-" + (b * BATCH + i);
            names[i] = "Person " + (b * BATCH + i);
        }
        if (lastId != null) {
            ids[BATCH - 1] = lastId;
        }
        ByteBuffer vectors = ByteBuffer.wrap(all, b * BATCH * ROW_BYTES, BATCH * ROW_BYTES).slice();
        return FaceBulkInsert.insert(source, "faceres", "vectors", "vectors:test", (long) b * BATCH, ids, names,
                vectors, BATCH, ROW_BYTES);
    }
}
