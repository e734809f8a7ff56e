package org.facesearch.store.faces;

import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.PROFILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.store.Database;
import org.facesearch.store.privacy.DoNotCollect;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.VectorCodec;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;

/**
 * The bulk path of {@code import --vectors}, one call per committed batch: a batch that fails half-way (as a killed
 * import's last batch) leaves nothing, a re-run over all batches stores each face once, bit-exact, and faces on the
 * do-not-collect list are not stored.
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
            assertEquals(new FaceBulkInsert.Outcome(BATCH, 0, 0), batch(database, 0, all, null));

            // batch 2 fails on its last face (an id longer than the column), after its first 512 rows were sent
            String tooLong = "x".repeat(300);
            assertThrows(SQLException.class, () -> batch(database, 1, all, tooLong));
            assertEquals(BATCH, db.fetchCount(FACE));
            assertEquals(BATCH, db.fetchCount(PROFILE));

            FaceBulkInsert.Outcome rerun = new FaceBulkInsert.Outcome(0, 0, 0);
            for (int b = 0; b < BATCHES; b++) {
                rerun = rerun.plus(batch(database, b, all, null));
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

    /** Stores batch {@code b} of {@code all}; {@code lastId}, when given, replaces the id of its last face. */
    private static FaceBulkInsert.Outcome batch(Database database, int b, byte[] all, String lastId) throws SQLException {
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
        return FaceBulkInsert.insert(database.dataSource(), "faceres", "vectors", "vectors:test", (long) b * BATCH, ids, names,
                vectors, BATCH, ROW_BYTES);
    }
}
