package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.facesearch.search.SearchParams;
import org.facesearch.testing.TestPhotos;
import org.facesearch.store.schema.Tables;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerWarmUpTest {
    @TempDir
    Path home;

    @Test
    void itSearchesTheLiveIndexUpToItsRoundsAndBudgetAndChangesNothing() {
        try (ServerFixture fixture = new ServerFixture(home)) {
            TestGallery gallery = fixture.gallery();
            for (int column = 0; column < 4; column++) gallery.add("Person A", TestPhotos.gridCell(0, column), "png");
            gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg");
            fixture.start();
            DSLContext db = fixture.db.dsl();
            List<Integer> before = counts(db);
            FaceSearch search = new FaceSearch(ServerFixture.pipeline(), fixture.keeper().index(), db, 1L << 24);
            SearchParams params = new SearchParams(10, 0);

            assertEquals(7, ServerWarmUp.run(search, params, 7, 60_000), "every round runs within a minute");
            assertEquals(0, ServerWarmUp.run(search, params, 7, 0), "no time, no search");
            assertEquals(before, counts(db), "a warm-up only reads");
        }
    }

    private static List<Integer> counts(DSLContext db) {
        return List.of(db.fetchCount(Tables.PROFILE), db.fetchCount(Tables.PHOTO), db.fetchCount(Tables.FACE),
                db.fetchCount(Tables.FACE_CLUSTER));
    }
}
