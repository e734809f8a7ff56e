package org.facesearch.crawl.vk;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Shortcuts for tests: a client against a {@link FakeVkServer} with fast retries, VK-shaped tokens, id lists.
 * Public for other modules' tests (crawler test-jar).
 */
public final class VkTestClients {
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50));

    private VkTestClients() {
    }

    public static VkClientOptions options(int idsPerUsersGet, int callsPerExecute) {
        return new VkClientOptions(idsPerUsersGet, callsPerExecute, FAST_RETRY, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public static VkClient client(FakeVkServer fake, TokenPool pool, VkClientOptions options) {
        return new VkClient(fake.endpoint(), pool, options);
    }

    /** A token shaped like VK's ({@code vk1.a.} and 80 URL-safe characters), distinct per {@code name}. */
    public static String token(String name) {
        StringBuilder t = new StringBuilder("vk1.a.").append(name).append('_');
        java.util.Random random = new java.util.Random(name.hashCode());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        while (t.length() < 86) {
            t.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return t.toString();
    }

    public static List<String> ids(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Long::toString).toList();
    }
}
