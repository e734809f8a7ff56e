package org.facesearch.crawl;

import static org.facesearch.store.schema.Tables.CENTROID;
import static org.facesearch.store.schema.Tables.CLUSTERING;
import static org.facesearch.store.schema.Tables.CRAWL_STATE;
import static org.facesearch.store.schema.Tables.FACE;
import static org.facesearch.store.schema.Tables.FACE_CLUSTER;
import static org.facesearch.store.schema.Tables.PHOTO;
import static org.facesearch.store.schema.Tables.PROFILE;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.facesearch.crawl.vk.FakeVkServer;
import org.facesearch.crawl.vk.PhotoDownloader;
import org.facesearch.crawl.vk.RetryPolicy;
import org.facesearch.crawl.vk.TokenPool;
import org.facesearch.crawl.vk.VkClient;
import org.facesearch.crawl.vk.VkTestClients;
import org.facesearch.store.Database;
import org.facesearch.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.facesearch.store.crawl.CrawlState;

/** A fake VK, a fresh real database, and the pieces of a crawl wired as the crawl command wires them. */
final class CrawlHarness implements AutoCloseable {
    static final FaceAnalyzer ANALYZER = TestImages.ANALYZER;

    final FakeVkServer vk = FakeVkServer.start();
    final Database db = TestDatabase.fresh();

    DSLContext dsl() {
        return db.dsl();
    }

    /** The real cluster assignment, recluster policy and recluster with a cluster cap of {@code cap} faces. */
    ClusterHook clusters(int cap) {
        return TestClusters.hook(dsl(), cap);
    }

    ClusterHook clusters() {
        return clusters(47_000);
    }

    /** face id -> clusters of the active clustering it is assigned to */
    Map<Long, Integer> clusterRowsPerFace() {
        return dsl().select(FACE.ID, DSL.count(FACE_CLUSTER.FACE_ID)).from(FACE).leftJoin(FACE_CLUSTER)
                .on(FACE_CLUSTER.FACE_ID.eq(FACE.ID)
                        .and(FACE_CLUSTER.CLUSTERING_ID.in(DSL.select(CLUSTERING.ID).from(CLUSTERING).where(CLUSTERING.STATUS.eq("active")))))
                .groupBy(FACE.ID).fetchMap(r -> r.value1(), r -> r.value2());
    }

    /** The active clustering's cluster sizes from its centroid rows, by cluster id. */
    List<Integer> activeClusterSizes() {
        return dsl().select(CENTROID.SIZE).from(CENTROID).join(CLUSTERING).on(CLUSTERING.ID.eq(CENTROID.CLUSTERING_ID))
                .where(CLUSTERING.STATUS.eq("active")).orderBy(CENTROID.CLUSTER_ID).fetch(CENTROID.SIZE);
    }

    /** What the crawls do with closed profiles ({@code vk.skip-closed-profiles}); false, as by default. */
    boolean skipClosedProfiles;

    /** Photo downloads: 3 attempts with short pauses, so that retries show without slowing the tests. */
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(80));

    /** Crawls {@code source(client)} with {@code tokens} at a fast rate, batches of {@code batch}. */
    CrawlResult crawl(List<String> tokens, ClusterHook clusters, int batch, Function<VkClient, CrawlSource> source)
            throws InterruptedException {
        return crawl(tokens, 50, clusters, batch, source);
    }

    /** Crawls as the crawl command does: {@code requestsPerSecond} per token, the real clusterer, all cores. */
    CrawlResult crawlAtRate(List<String> tokens, double requestsPerSecond, int batch, Function<VkClient, CrawlSource> source)
            throws InterruptedException {
        return crawl(tokens, requestsPerSecond, clusters(), batch, source);
    }

    private CrawlResult crawl(List<String> tokens, double requestsPerSecond, ClusterHook clusters, int batch,
                              Function<VkClient, CrawlSource> source) throws InterruptedException {
        TokenPool pool = TokenPool.of(tokens, requestsPerSecond);
        try (VkClient client = VkTestClients.client(vk, pool, VkTestClients.options(batch, 1));
             PhotoDownloader photos = new PhotoDownloader(8, Duration.ofSeconds(2), Duration.ofSeconds(10), 5 << 20, FAST_RETRIES);
             StoragePath storage = new StoragePath(dsl(), ANALYZER, clusters, Runtime.getRuntime().availableProcessors());
             Progress progress = new LogProgress()) {
            return new Crawler(dsl(), storage, photos, skipClosedProfiles).crawl(source.apply(client), progress);
        }
    }

    CrawlResult crawlRange(List<String> tokens, ClusterHook clusters, long from, long to, int batch) throws InterruptedException {
        return crawl(tokens, clusters, batch, c -> new UserRangeSource(c, from, to, batch));
    }

    /** profile external id -> status */
    Map<String, String> profiles() {
        return dsl().select(PROFILE.EXTERNAL_ID, PROFILE.STATUS).from(PROFILE)
                .fetchMap(PROFILE.EXTERNAL_ID, PROFILE.STATUS);
    }

    /** profile external id -> number of faces stored for it */
    Map<String, Integer> facesPerProfile() {
        return dsl().select(PROFILE.EXTERNAL_ID, DSL.count(FACE.ID)).from(PROFILE).join(FACE).on(FACE.PROFILE_ID.eq(PROFILE.ID))
                .groupBy(PROFILE.EXTERNAL_ID).fetchMap(r -> r.value1(), r -> r.value2());
    }

    /** profile external id -> "status[:reason]" of its photos, comma-separated */
    Map<String, String> photos() {
        return dsl().select(PROFILE.EXTERNAL_ID, PHOTO.STATUS, PHOTO.FAILURE_REASON).from(PHOTO).join(PROFILE)
                .on(PHOTO.PROFILE_ID.eq(PROFILE.ID)).fetch().stream()
                .collect(Collectors.groupingBy(r -> r.value1(), Collectors.mapping(r -> r.value2(), Collectors.joining(","))));
    }

    int count(org.jooq.Table<?> table) {
        return dsl().fetchCount(table);
    }

    CrawlState.Cursor cursor(String key) {
        return CrawlState.load(dsl(), key).orElse(null);
    }

    int crawlStates() {
        return dsl().fetchCount(CRAWL_STATE);
    }

    @Override
    public void close() {
        vk.close();
        db.close();
    }
}
