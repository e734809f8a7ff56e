package org.facesearch.crawl.vk;

import static org.facesearch.crawl.vk.VkTestClients.client;
import static org.facesearch.crawl.vk.VkTestClients.ids;
import static org.facesearch.crawl.vk.VkTestClients.options;
import static org.facesearch.crawl.vk.VkTestClients.token;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs every token-related path (5, 6, 29, an unknown group, a gateway page quoting the token, all tokens rejected)
 * with every logger at TRACE,
 * including the SDK's and Apache's, and checks that no log line, exception, or toString contains a token.
 */
class TokenSecrecyTest {
    private static final List<String> TOKENS = List.of(token("alpha"), token("bravo"), token("charlie"));

    private final FakeVkServer fake = FakeVkServer.start().addUsers(1, 50).group(1, "club", List.of(1L, 2L));
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void captureEverything() {
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        root.setLevel(previous);
        fake.close();
    }

    @Test
    void noTokenInLogsExceptionsOrToString() throws Exception {
        fake.failToken(TOKENS.get(1), 5).failToken(TOKENS.get(2), 29).failNext(null, 2, 6);
        List<String> texts = new ArrayList<>();
        TokenPool pool = TokenPool.of(TOKENS, 100);
        try (VkClient vk = client(fake, pool, options(10, 3))) {
            vk.users(ids(1, 50));
            vk.users(ids(1, 5));
            texts.add(assertThrows(VkApiException.class, () -> vk.groupMembers("nosuch", 0)).getMessage());
            texts.add(pool.toString());
            texts.add(vk.toString());
        }
        fake.failNextHttp(VkTestClients.FAST_RETRY.maxAttempts(), 502);
        try (VkClient vk = client(fake, TokenPool.of(TOKENS.subList(0, 1), 100), options(10, 1))) {
            VkApiException e = assertThrows(VkApiException.class, () -> vk.users(List.of("1")));
            assertTrue(e.getMessage().contains("502") && e.getMessage().contains("token #1 (sha256"), e.getMessage());
            texts.add(e.getMessage());
        }
        fake.failToken(TOKENS.getFirst(), 5);
        try (VkClient vk = client(fake, TokenPool.of(TOKENS.subList(0, 2), 100), options(10, 1))) {
            texts.add(assertThrows(NoUsableTokenException.class, () -> vk.users(List.of("1"))).getMessage());
        }
        for (ILoggingEvent event : captured.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }

        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("token #2 (sha256 ")
                && e.getFormattedMessage().contains("dropped")), "the dropped token is named by its label");
        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("token #3")
                && e.getFormattedMessage().contains("parked")), "the parked token is named by its label");
        for (String text : texts) {
            for (String secret : TOKENS) {
                assertFalse(text != null && text.contains(secret), "a token leaked into: " + text);
                // the SDK's own mask keeps the first and last 3 characters; ours shows neither
                assertFalse(text != null && text.contains(secret.substring(secret.length() - 6)), "token tail leaked into: " + text);
            }
        }
    }

    @Test
    void tokenToStringIsItsLabel() {
        VkToken t = new VkToken(0, TOKENS.getFirst());
        assertTrue(t.toString().matches("token #1 \\(sha256 [0-9a-f]{8}\\)"), t.toString());
        StringWriter trace = new StringWriter();
        new IllegalStateException(String.valueOf(t)).printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(TOKENS.getFirst()));
    }
}
