package org.facesearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.store.ConnectionSettings;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseVectorsTest {
    private static final String MODEL = "faceres";
    private static final int DIMENSION = 8;
    private static final int FACES = 40;

    private static ConnectionSettings settings;
    private static Database database;
    private static final List<float[]> vectors = new ArrayList<>();
    private static final List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void store() {
        settings = TestDatabase.settingsFor("vectors" + ProcessHandle.current().pid());
        database = Database.connect(settings, null);
        SplittableRandom random = new SplittableRandom(5);
        database.dsl().transaction(c -> {
            for (int i = 0; i < FACES; i++) {
                float[] v = StoredFaces.randomUnit(random, DIMENSION);
                vectors.add(v);
                ids.add(StoredFaces.insert(c.dsl(), MODEL, v));
            }
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aReadSplitOverConnectionsPutsEveryVectorInItsPlaceAndMarksTheMissing() {
        // every other stored face, in reverse, with an id that has no row at the front, middle and end: the parts
        // must each land where their ids are, whatever order the rows come back in
        long missing = ids.getLast() + 1_000;
        List<Long> asked = new ArrayList<>(List.of(missing));
        for (int i = FACES - 1; i >= 0; i -= 2) {
            asked.add(ids.get(i));
            if (asked.size() == 10) asked.add(missing + 1);
        }
        asked.add(missing + 2);
        assertRead(database.dsl(), asked);
    }

    @Test
    void aPoolOfOneConnectionReadsThePartsInTurn() {
        try (Database single = Database.connect(
                new ConnectionSettings(settings.url(), settings.user(), settings.password(), 1), null)) {
            assertTimeoutPreemptively(Duration.ofSeconds(8), () -> assertRead(single.dsl(), ids));
        }
    }

    @Test
    void aReadTooSmallToSplitStillReadsEveryId() {
        assertRead(database.dsl(), List.of(ids.get(3), ids.get(1), ids.get(2)));
    }

    private static void assertRead(DSLContext db, List<Long> asked) {
        long[] wanted = asked.stream().mapToLong(Long::longValue).toArray();
        float[] target = new float[wanted.length * DIMENSION];
        boolean[] found = new DatabaseVectors(db).read(wanted, DIMENSION, target);
        assertEquals(wanted.length, found.length);
        for (int i = 0; i < wanted.length; i++) {
            int stored = ids.indexOf(wanted[i]);
            if (stored < 0) {
                assertFalse(found[i], "id " + wanted[i] + " has no row");
            } else {
                assertTrue(found[i], "id " + wanted[i]);
                float[] read = new float[DIMENSION];
                System.arraycopy(target, i * DIMENSION, read, 0, DIMENSION);
                assertArrayEquals(vectors.get(stored), read, "id " + wanted[i] + " at " + i);
            }
        }
    }
}
