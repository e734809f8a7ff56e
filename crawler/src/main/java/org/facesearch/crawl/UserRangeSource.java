package org.facesearch.crawl;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.facesearch.crawl.vk.VkClient;

/**
 * {@code --users FROM-TO}: VK user ids {@code from..to} inclusive, {@code batchSize} ids per {@code users.get}.
 * The cursor is the next id to fetch.
 */
public final class UserRangeSource implements CrawlSource {
    private final VkClient vk;
    private final long from;
    private final long to;
    private final int batchSize;

    public UserRangeSource(VkClient vk, long from, long to, int batchSize) {
        if (from < 1 || to < from || batchSize < 1) {
            throw new IllegalArgumentException("need 1 <= from <= to and a positive batch size: " + from + "-" + to);
        }
        this.vk = vk;
        this.from = from;
        this.to = to;
        this.batchSize = batchSize;
    }

    /** Parses {@code FROM-TO}, e.g. {@code 1-100000}. */
    public static long[] parseRange(String range) {
        String[] parts = range.split("-", -1);
        try {
            if (parts.length == 2) {
                long a = Long.parseLong(parts[0].trim());
                long b = Long.parseLong(parts[1].trim());
                if (a >= 1 && b >= a) {
                    return new long[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + range + "' is not a range of user ids FROM-TO with 1 <= FROM <= TO, e.g. 1-100000");
    }

    @Override
    public String key() {
        return "users:" + from + "-" + to;
    }

    @Override
    public String initialCursor() {
        return Long.toString(from);
    }

    @Override
    public Batch next(String cursor) throws InterruptedException {
        long start = Long.parseLong(cursor);
        long end = Math.min(to, start + batchSize - 1);
        List<String> ids = LongStream.rangeClosed(start, end).mapToObj(Long::toString).toList();
        return new Batch(vk.users(ids), Long.toString(end + 1), end >= to);
    }

    @Override
    public long position(String cursor) {
        return Long.parseLong(cursor) - from;
    }

    @Override
    public OptionalLong total() {
        return OptionalLong.of(to - from + 1);
    }
}
