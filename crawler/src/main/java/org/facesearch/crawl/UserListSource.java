package org.facesearch.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.facesearch.crawl.vk.VkClient;

/**
 * {@code --users-file FILE}: VK user ids or screen names, one a line (blank lines and lines starting with
 * {@code #} ignored), {@code batchSize} per {@code users.get}. The cursor is the index of the next entry.
 *
 * <p>The key holds a hash of the file's content, not its path: the same list resumes wherever it lives, and an
 * edited list is a new source that starts from its beginning (entries already stored are upserted, not duplicated).
 */
public final class UserListSource implements CrawlSource {
    private final VkClient vk;
    private final List<String> entries;
    private final String key;
    private final int batchSize;

    public UserListSource(VkClient vk, Path file, int batchSize) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        byte[] content = Files.readAllBytes(file);
        this.vk = vk;
        this.entries = new String(content, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        this.key = "users-file:" + HexFormat.of().formatHex(ContentHash.sha256(content), 0, 16);
        this.batchSize = batchSize;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String initialCursor() {
        return "0";
    }

    @Override
    public Batch next(String cursor) throws InterruptedException {
        int start = Integer.parseInt(cursor);
        int end = Math.min(entries.size(), start + batchSize);
        return new Batch(vk.users(entries.subList(start, end)), Integer.toString(end), end >= entries.size());
    }

    @Override
    public long position(String cursor) {
        return Long.parseLong(cursor);
    }

    @Override
    public OptionalLong total() {
        return OptionalLong.of(entries.size());
    }
}
