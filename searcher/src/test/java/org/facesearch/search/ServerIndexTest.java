package org.facesearch.search;

import static org.facesearch.store.schema.Tables.FACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.index.CandidateScan;
import org.facesearch.index.CodeBlocks;
import org.facesearch.index.IvfIndex;
import org.facesearch.index.LiveFaceIndex;
import org.facesearch.store.Database;
import org.facesearch.store.privacy.ProfileEraser;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's in-memory index as {@link IndexLoader} and {@link IndexKeeper} build it: codes in the heap, vectors in MySQL. */
class ServerIndexTest {
    private static final String MODEL = "faceres";
    private static final int DIMENSION = 16;
    private static final int FACES = 1_500;

    private Database database;
    private DSLContext db;
    private final List<float[]> vectors = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private int k;
    @TempDir
    Path cache;

    @BeforeEach
    void store() {
        database = TestDatabase.fresh();
        db = database.dsl();
        k = AssignedFaces.storeAndRecluster(db, MODEL, FACES, DIMENSION, new SplittableRandom(31), vectors, ids);
        assertTrue(k > 4);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private IndexLoader loader() {
        return new IndexLoader(db, MODEL, DIMENSION, 400, IndexKind.IVF, 0);
    }

    @Test
    void probingEveryListAndReRankingEveryCandidateEqualsExactBruteForce() {
        IvfIndex index = ((IvfIndex) loader().load().index()).withCandidates(FACES);
        assertEquals(FACES, index.size());
        SplittableRandom random = new SplittableRandom(32);
        for (int q = 0; q < 20; q++) {
            float[] query = StoredFaces.randomUnit(random, DIMENSION);
            assertEquals(bruteForce(query, 10), index.search(MODEL, query, 10, k), "query " + q);
        }
    }

    @Test
    void theHeapHoldsCodesAndIdsNotVectors() {
        IvfIndex index = (IvfIndex) loader().load().index();
        int words = new CandidateScan(index.centroids()).words();
        // codes and their two scalars in whole blocks of 32 a cluster, 8 bytes a long of a code
        long codesAndScalars = 0;
        for (int c = 0; c < index.clusters(); c++) {
            long blocks = Math.ceilDiv(index.clusterSize(c), CodeBlocks.BLOCK);
            codesAndScalars += blocks * CodeBlocks.BLOCK * (words * Long.BYTES + CandidateScan.SCALARS * Float.BYTES);
        }
        long ids = (long) FACES * Long.BYTES;
        assertEquals(codesAndScalars + ids + (long) k * DIMENSION * Float.BYTES, index.bytes());
    }

    @Test
    void facesWithoutAClusterRowAreEncodedFromTheirVectors() {
        // a bulk import stores faces without cluster rows; until a recluster reaches them the loader encodes them
        SplittableRandom random = new SplittableRandom(33);
        List<float[]> loose = new ArrayList<>();
        List<Long> looseIds = new ArrayList<>();
        db.transaction(c -> {
            for (int i = 0; i < 30; i++) {
                loose.add(StoredFaces.randomUnit(random, DIMENSION));
                looseIds.add(StoredFaces.insert(c.dsl(), MODEL, loose.getLast()));
            }
        });
        IndexLoader.Loaded loaded = loader().load();
        assertEquals(FACES + 30, loaded.index().size());
        assertEquals(looseIds.getLast(), loaded.lastFaceId());
        for (int i = 0; i < 30; i++) {
            assertEquals(new Neighbor(looseIds.get(i), 0f), loaded.index().search(MODEL, loose.get(i), 1, 3).getFirst());
        }
    }

    @Test
    void aFaceForgottenAfterTheLoadIsNeverReturnedEvenBeforeTheIndexDropsIt() {
        LiveFaceIndex index = ((IvfIndex) loader().load().index()).withCandidates(FACES);
        long face = ids.get(7);
        assertEquals(face, index.search(MODEL, vectors.get(7), 1, k).getFirst().id());
        ProfileEraser.erase(db, List.of(db.select(FACE.PROFILE_ID).from(FACE).where(FACE.ID.eq(face)).fetchSingle(FACE.PROFILE_ID)));
        List<Neighbor> after = index.search(MODEL, vectors.get(7), 10, k);
        assertFalse(after.stream().anyMatch(n -> n.id() == face), "a forgotten face came back: " + after);
        assertEquals(10, after.size());
    }

    @Test
    void theKeeperAddsNewFacesDropsForgottenOnesAndSwapsOnARecluster() {
        try (IndexKeeper keeper = IndexKeeper.start(loader(), MODEL, 0)) {
            long clustering = keeper.freshness().clusteringId();
            List<float[]> added = new ArrayList<>();
            List<Long> addedIds = new ArrayList<>();
            AssignedFaces.store(db, MODEL, 5, DIMENSION, new SplittableRandom(34), added, addedIds);
            keeper.refresh();
            assertEquals(FACES + 5, keeper.index().current().size());
            assertEquals(new Neighbor(addedIds.get(2), 0f), keeper.index().search(MODEL, added.get(2), 1, 2).getFirst());

            ProfileEraser.erase(db, List.of(db.select(FACE.PROFILE_ID).from(FACE).where(FACE.ID.eq(addedIds.get(2)))
                    .fetchSingle(FACE.PROFILE_ID)));
            keeper.refresh();
            assertEquals(FACES + 4, keeper.index().current().size());

            new Recluster(db, ReclusterOptions.defaults(300, 0.5), ReclusterProgress.NONE).recluster(MODEL);
            keeper.refresh();
            assertTrue(keeper.freshness().clusteringId() > clustering);
            IvfIndex swapped = (IvfIndex) keeper.index().current();
            assertEquals(FACES + 4, swapped.size());
            float[] query = StoredFaces.randomUnit(new SplittableRandom(35), DIMENSION);
            ClusterScan cli = new ClusterScan(cache);
            assertEquals(cli.search(db, MODEL, query, new SearchParams(10, 3)).orElseThrow().neighbors(),
                    swapped.search(MODEL, query, 10, 3), "the CLI and the server after the swap");
        }
    }

    private List<Neighbor> bruteForce(float[] query, int top) {
        TopK best = new TopK(top);
        for (int i = 0; i < vectors.size(); i++) {
            best.offer(ids.get(i), VectorMath.squaredL2(query, 0, vectors.get(i), 0, DIMENSION));
        }
        return best.sorted();
    }
}
