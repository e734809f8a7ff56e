package org.facesearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.facesearch.cluster.Recluster;
import org.facesearch.cluster.ReclusterOptions;
import org.facesearch.cluster.ReclusterProgress;
import org.facesearch.store.Database;
import org.facesearch.testing.StoredFaces;
import org.facesearch.testing.TestDatabase;
import org.facesearch.vector.Neighbor;
import org.facesearch.vector.TopK;
import org.facesearch.vector.VectorMath;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI search that runs while a recluster writes, switches and deletes versions sees exactly one version: probing
 * every list and re-ranking every candidate, a complete version gives the exact answer, and half of one (codes of
 * a version being written or deleted) would miss faces.
 */
class ClusterScanDuringReclusterTest {
    private static final String MODEL = "faceres";
    private static final int DIMENSION = 16;
    private static final int FACES = 1_500;
    @TempDir
    Path cache;

    @Test
    void aSearchDuringAReclusterSeesOneCompleteVersion() {
        SplittableRandom random = new SplittableRandom(31);
        List<float[]> vectors = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (Database database = TestDatabase.fresh()) {
            DSLContext db = database.dsl();
            AssignedFaces.store(db, MODEL, FACES, DIMENSION, random, vectors, ids);
            ReclusterOptions options = ReclusterOptions.defaults(1_000_000, 1).withPageSize(64);
            Recluster recluster = new Recluster(db, options.withK(8), ReclusterProgress.NONE);
            recluster.recluster(MODEL);
            CompletableFuture<Void> reclusters = CompletableFuture.runAsync(() -> {
                for (int k : new int[] {12, 16, 20}) {
                    new Recluster(db, options.withK(k), ReclusterProgress.NONE).recluster(MODEL);
                }
            });
            ClusterScan scan = new ClusterScan(cache, FACES);
            Set<Long> versionsSeen = new HashSet<>();
            int searches = 0;
            while (!reclusters.isDone() || searches < 5) {
                float[] query = StoredFaces.randomUnit(random, DIMENSION);
                ScanResult result = scan.search(db, MODEL, query, new SearchParams(10, SearchParams.MAX_NPROBE)).orElseThrow();
                assertEquals(FACES, result.facesRead(), "faces of clustering " + result.clusteringId());
                assertEquals(bruteForce(vectors, ids, query), result.neighbors());
                versionsSeen.add(result.clusteringId());
                searches++;
            }
            reclusters.join();
            assertTrue(versionsSeen.size() >= 2, "the searches ran across a switch: " + versionsSeen);
        }
    }

    private static List<Neighbor> bruteForce(List<float[]> vectors, List<Long> ids, float[] query) {
        TopK best = new TopK(10);
        for (int i = 0; i < vectors.size(); i++) {
            best.offer(ids.get(i), VectorMath.squaredL2(query, 0, vectors.get(i), 0, DIMENSION));
        }
        return best.sorted();
    }
}
