package org.facesearch.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.facesearch.config.Config;
import org.facesearch.config.ConfigKey;
import org.facesearch.crawl.CrawlResult;
import org.facesearch.crawl.CrawlSource;
import org.facesearch.crawl.Crawler;
import org.facesearch.crawl.GroupSource;
import org.facesearch.crawl.LogProgress;
import org.facesearch.crawl.Progress;
import org.facesearch.crawl.StoreCounts;
import org.facesearch.crawl.UserListSource;
import org.facesearch.crawl.UserRangeSource;
import org.facesearch.crawl.vk.NoUsableTokenException;
import org.facesearch.crawl.vk.PhotoDownloader;
import org.facesearch.crawl.vk.RetryPolicy;
import org.facesearch.crawl.vk.TokenPool;
import org.facesearch.crawl.vk.VkApiException;
import org.facesearch.crawl.vk.VkClient;
import org.facesearch.crawl.vk.VkClientOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facesearch crawl}: reads tokens and settings from the configuration and flags, and runs the
 * {@link Crawler} over one source. Resumable: the same command line continues where a stopped crawl stopped.
 */
@Command(name = "crawl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Crawl VK profile photos into the database: fetch each profile's main photo, detect and embed "
                + "every face, store it with its cluster.",
                "Resumable: run the same command again after a stop (even kill -9) and it continues where it stopped, "
                        + "storing nothing twice. Tokens are used in rotation, each at most vk.rate-limit requests/s; "
                        + "they are never printed or stored. Prefer vk.token-file or FACESEARCH_VK_TOKENS to --token, "
                        + "which other users of the machine can see in the process list."},
        footer = {"", "Examples:", "  facesearch crawl --users 1-100000 --token-file ~/.vk-tokens",
                "  FACESEARCH_VK_TOKENS=... facesearch crawl --group apiclub --quiet",
                "  facesearch crawl --users-file ids.txt --token \"$VK_TOKEN\""})
final class CrawlCommand extends ContextCommand {
    static final class Source {
        @Option(names = "--users", paramLabel = "FROM-TO", description = "A range of VK user ids, e.g. 1-100000.")
        String users;

        @Option(names = "--users-file", paramLabel = "FILE", description = "VK user ids or screen names, one a line.")
        Path usersFile;

        @Option(names = "--group", paramLabel = "ID_OR_NAME", description = "All members of a public group.")
        String group;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A VK access token (repeatable); added to vk.tokens and vk.token-file.")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file with one VK token a line (overrides vk.token-file).")
    Path tokenFile;

    // 200 rather than VK's maximum of 1000: the face pipeline does ~10-40 photos/s, so a batch of 200 commits (and
    // moves the progress bar) every few seconds and a stop loses little work, while 200 ids per users.get still
    // leave the rate limit far from being the bottleneck
    @Option(names = "--batch", paramLabel = "N", defaultValue = "200",
            description = "Profiles per batch: one users.get (group crawls: pages of 1000 members), their photos, "
                    + "and one database transaction (1..1000; default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--downloads", paramLabel = "N", defaultValue = "8",
            description = "Photo downloads at once (default ${DEFAULT-VALUE}).")
    int downloads;

    @Option(names = "--threads", paramLabel = "N",
            description = "Photos analysed at once by the face pipeline (default: the number of CPU cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar: one log line per batch.")
    boolean quiet;

    @Override
    protected int run(CliContext context) throws Exception {
        Config config = context.config();
        if (batch < 1 || batch > VkClientOptions.MAX_IDS_PER_USERS_GET) {
            throw new UserException("--batch must be 1.." + VkClientOptions.MAX_IDS_PER_USERS_GET + ": " + batch);
        }
        TokenPool pool = VkTokens.pool(tokens, tokenFile, config);
        URI endpoint = URI.create(config.get(ConfigKey.VK_ENDPOINT));
        // one users.get or one members page per request: a batch is a unit of work, and VK's limit of 3 requests/s
        // x 1000 profiles is far above what the face pipeline can process, so execute would save nothing
        VkClientOptions options = new VkClientOptions(batch, 1, RetryPolicy.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(60));
        try (VkClient vk = new VkClient(endpoint, pool, options)) {
            CrawlSource crawlSource = source(vk);  // a bad range or file fails here, before models and database open
            try (PhotoDownloader photos = new PhotoDownloader(downloads, Duration.ofSeconds(10), Duration.ofSeconds(30), 20L << 20, RetryPolicy.PHOTO_DOWNLOADS);
                 StorageSetup storage = StorageSetup.open(context, threads == null ? Runtime.getRuntime().availableProcessors() : threads, "crawl");
                 Progress progress = quiet ? new LogProgress() : new BarProgress()) {
                CrawlResult result = new Crawler(context.database().dsl(), storage.storage(), photos,
                        config.get(ConfigKey.VK_SKIP_CLOSED_PROFILES).equals("true")).crawl(crawlSource, progress);
                progress.close();
                StoreCounts retried = result.retried();
                if (retried.photos() > 0) {
                    out().println("crawl: retried " + retried.photos() + " photos an earlier run could not download: faces "
                            + retried.faces() + ", no face " + retried.noFace() + ", " + StorageSetup.failures(retried));
                }
                out().println(result.alreadyDone() ? "crawl: this source was crawled to its end before; nothing to do"
                        : "crawl: profiles " + result.stored().profiles() + ", " + StorageSetup.summary(result.stored(),
                        result.stored().profiles(), "profiles", result.elapsed().toNanos() / 1e9)
                        + "; without photo (deactivated/closed/none) " + result.unavailable()
                        + (result.unresolved() > 0 ? "; unresolved screen names " + result.unresolved() : "")
                        + (result.doNotCollect() > 0 ? "; skipped (do-not-collect list) " + result.doNotCollect() : ""));
                return FaceSearchCommand.EXIT_OK;
            }
        } catch (NoUsableTokenException | VkApiException e) {
            throw new UserException(e.getMessage() + " (progress so far is saved; rerun the same command to continue)", e);
        }
    }

    private CrawlSource source(VkClient vk) {
        try {
            if (source.users != null) {
                long[] range = UserRangeSource.parseRange(source.users);
                return new UserRangeSource(vk, range[0], range[1], batch);
            }
            if (source.usersFile != null) {
                return new UserListSource(vk, source.usersFile, batch);
            }
            return new GroupSource(vk, source.group);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException("cannot read the users file " + source.usersFile + ": " + e, e);
        }
    }
}
