package org.facesearch.crawl;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.facesearch.cluster.ClusterAssignment;
import org.facesearch.cluster.ReclusterPolicy;
import org.facesearch.crawl.vk.PhotoDownloader;
import org.facesearch.crawl.vk.TokenPool;
import org.facesearch.crawl.vk.VkClient;
import org.facesearch.crawl.vk.VkTestClients;
import org.facesearch.db.ConnectionSettings;
import org.facesearch.db.Database;

/**
 * A crawl in a process of its own, for the kill -9 test: {@code CrawlProcess ENDPOINT JDBC_URL FROM TO BATCH}, with
 * the database user and password in the environment ({@code CRAWL_DB_USER}, {@code CRAWL_DB_PASSWORD}) and the
 * token in {@code CRAWL_TOKEN}. Wired as {@code facesearch crawl} wires it.
 */
public final class CrawlProcess {
    private CrawlProcess() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        ConnectionSettings settings = new ConnectionSettings(args[1], System.getenv("CRAWL_DB_USER"),
                System.getenv("CRAWL_DB_PASSWORD"), 4);
        long from = Long.parseLong(args[2]);
        long to = Long.parseLong(args[3]);
        int batch = Integer.parseInt(args[4]);
        try (Database db = Database.connect(settings, null);
             VkClient vk = new VkClient(endpoint, TokenPool.of(List.of(System.getenv("CRAWL_TOKEN")), 50), VkTestClients.options(batch, 1));
             PhotoDownloader photos = new PhotoDownloader(4, Duration.ofSeconds(2), Duration.ofSeconds(10), 5 << 20);
             StoragePath storage = new StoragePath(db.dsl(), TestImages.ANALYZER, new ClustererHook(new ClusterAssignment(47_000),
                     new ReclusterPolicy(db.dsl(), 47_000, model -> null)), 2);
             LogProgress progress = new LogProgress()) {
            new Crawler(db.dsl(), storage, photos).crawl(new UserRangeSource(vk, from, to, batch), progress);
        }
    }
}
