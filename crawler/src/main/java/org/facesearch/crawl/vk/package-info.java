/**
 * VK access for {@code facesearch crawl}: profiles and group members through the VK Java SDK, and photo downloads.
 *
 * <p>Wiring (a command reads the configuration and passes plain values):
 * <pre>{@code
 * TokenPool tokens = TokenPool.of(tokenList, TokenPool.DEFAULT_REQUESTS_PER_SECOND); // requests/s per token
 * try (VkClient vk = new VkClient(endpoint, tokens, VkClientOptions.DEFAULT);  // vk.endpoint, default VkClient.DEFAULT_ENDPOINT
 *      PhotoDownloader photos = new PhotoDownloader(8, Duration.ofSeconds(5), Duration.ofSeconds(30), 10 << 20, RetryPolicy.DEFAULT)) {
 *     for (VkProfile p : vk.users(List.of("1", "2", "durov"))) {          // up to 25,000 ids per request
 *         if (p.hasPhotoToFetch(false)) {
 *             switch (photos.download(p.photoUrl())) {
 *                 case PhotoResult.Downloaded d -> ...;                   // d.bytes(), d.sha256()
 *                 case PhotoResult.Skipped s -> ...;
 *                 case PhotoResult.Failed f -> ...;                       // record f.reason(), carry on
 *             }
 *         }
 *     }
 *     MembersChunk chunk = vk.groupMembers("club1", cursor);              // store chunk.nextOffset() after commit
 * }
 * }</pre>
 * What callers must handle: {@link org.facesearch.crawl.vk.NoUsableTokenException} (every token rejected: stop and
 * tell the user), {@link org.facesearch.crawl.vk.VkApiException} (a call that failed for good, with VK's code),
 * and {@link java.lang.InterruptedException}. Everything else (rate limits, retries, bad or exhausted tokens,
 * deleted/banned/private profiles, broken photos) is handled inside or returned as a value.
 *
 * <p>Tokens are secrets: they are held by {@link org.facesearch.crawl.vk.VkToken}, never logged or put in an
 * exception; logs name them as {@code token #2 (sha256 3fa1c09e)}. Set logger {@code com.vk.api.sdk} to OFF: the
 * SDK logs every VK error at ERROR with a stack trace.
 *
 * <p>Tests run against {@code FakeVkServer} (crawler test-jar), which speaks VK's JSON on 127.0.0.1.
 */
package org.facesearch.crawl.vk;
