package org.facesearch.crawl.vk;

import java.time.Duration;

/**
 * Tuning of {@link VkClient}.
 *
 * @param idsPerUsersGet  ids per {@code users.get} call, 1..1000 (VK's maximum)
 * @param callsPerExecute calls batched into one {@code execute} request, 1..25 (VK's maximum); 1 disables execute
 * @param retry           retries of transient failures
 * @param connectTimeout  TCP/TLS connect timeout
 * @param requestTimeout  time allowed for a whole response; an execute of 25 x 1000 users is a few MB
 */
public record VkClientOptions(int idsPerUsersGet, int callsPerExecute, RetryPolicy retry, Duration connectTimeout,
                              Duration requestTimeout) {
    public static final int MAX_IDS_PER_USERS_GET = 1000;
    public static final int MAX_CALLS_PER_EXECUTE = 25;

    public static final VkClientOptions DEFAULT = new VkClientOptions(MAX_IDS_PER_USERS_GET, MAX_CALLS_PER_EXECUTE,
            RetryPolicy.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(60));

    public VkClientOptions {
        if (idsPerUsersGet < 1 || idsPerUsersGet > MAX_IDS_PER_USERS_GET) {
            throw new IllegalArgumentException("ids per users.get must be 1.." + MAX_IDS_PER_USERS_GET + ": " + idsPerUsersGet);
        }
        if (callsPerExecute < 1 || callsPerExecute > MAX_CALLS_PER_EXECUTE) {
            throw new IllegalArgumentException("calls per execute must be 1.." + MAX_CALLS_PER_EXECUTE + ": " + callsPerExecute);
        }
    }
}
