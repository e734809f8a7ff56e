package org.facesearch.crawl.vk;

import static org.facesearch.crawl.vk.VkTestClients.client;
import static org.facesearch.crawl.vk.VkTestClients.ids;
import static org.facesearch.crawl.vk.VkTestClients.options;
import static org.facesearch.crawl.vk.VkTestClients.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.facesearch.crawl.vk.TokenPool.TokenState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenHandlingTest {
    private static final String A = token("a");
    private static final String B = token("b");
    private static final String C = token("c");

    private final FakeVkServer fake = FakeVkServer.start().addUsers(1, 100);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void tooManyRequestsIsRetriedAndTheCallCompletes() throws Exception {
        fake.failNext(null, 2, 6);
        try (VkClient vk = client(fake, TokenPool.of(List.of(A), 100), options(1000, 1))) {
            assertEquals(ids(1, 3), vk.users(ids(1, 3)).stream().map(p -> Long.toString(p.id())).toList());
        }
        assertEquals(3, fake.calls().size(), "two failures, then the answer");
    }

    @Test
    void floodControlAndInternalErrorsAreRetriedWithinTheBudget() throws Exception {
        fake.failNext(null, 1, 9).failNext(null, 1, 10);
        try (VkClient vk = client(fake, TokenPool.of(List.of(A), 100), options(1000, 1))) {
            assertEquals(1, vk.users(List.of("5")).size());
        }
        fake.failNext(null, 10, 10);
        try (VkClient vk = client(fake, TokenPool.of(List.of(A), 100), options(1000, 1))) {
            VkApiException e = assertThrows(VkApiException.class, () -> vk.users(List.of("5")));
            assertEquals(10, e.code());
        }
        assertEquals(3 + VkTestClients.FAST_RETRY.maxAttempts(), fake.calls().size());
    }

    @Test
    void networkFaultsAreRetriedThenReported() throws Exception {
        URI dead;
        try (FakeVkServer gone = FakeVkServer.start()) {
            dead = gone.endpoint();
        }
        try (VkClient vk = new VkClient(dead, TokenPool.of(List.of(A), 100), options(1000, 1))) {
            VkApiException e = assertThrows(VkApiException.class, () -> vk.users(List.of("5")));
            assertEquals(VkApiException.NETWORK, e.code());
            assertTrue(e.getMessage().contains("after " + VkTestClients.FAST_RETRY.maxAttempts() + " attempts"), e.getMessage());
        }
    }

    @Test
    void aRejectedTokenIsDroppedAndTheOthersCarryOn() throws Exception {
        fake.failToken(B, 5);
        TokenPool pool = TokenPool.of(List.of(A, B, C), 100);
        try (VkClient vk = client(fake, pool, options(1, 1))) {
            assertEquals(ids(1, 30), vk.users(ids(1, 30)).stream().map(p -> Long.toString(p.id())).toList());
        }
        Map<String, List<FakeVkServer.Call>> byToken = fake.callsByToken();
        assertEquals(1, byToken.get(B).size(), "the bad token is used once");
        assertEquals(30, byToken.get(A).size() + byToken.get(C).size());
        assertTrue(byToken.get(A).size() >= 10 && byToken.get(C).size() >= 10, "rotation spreads the calls");
        assertEquals(List.of(TokenState.Status.ACTIVE, TokenState.Status.DROPPED, TokenState.Status.ACTIVE),
                pool.states().stream().map(TokenState::status).toList());
    }

    @Test
    void whenEveryTokenIsRejectedTheUserIsToldWhatToDo() throws Exception {
        fake.failToken(A, 5).failToken(B, 5);
        try (VkClient vk = client(fake, TokenPool.of(List.of(A, B), 100), options(1000, 1))) {
            NoUsableTokenException e = assertThrows(NoUsableTokenException.class, () -> vk.users(List.of("1")));
            assertTrue(e.getMessage().contains("Create new access tokens"), e.getMessage());
            assertFalse(e.getMessage().contains(A) || e.getMessage().contains(B));
        }
        assertEquals(2, fake.calls().size());
    }

    @Test
    void dailyLimitParksTheTokenUntilTheNextDay() throws Exception {
        fake.failToken(A, 29);
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);
        TokenPool pool = new TokenPool(List.of(A, B), 100, clock, ZoneId.of("Europe/Moscow"));
        try (VkClient vk = client(fake, pool, options(1, 1))) {
            assertEquals(10, vk.users(ids(1, 10)).size());
        }
        assertEquals(1, fake.callsByToken().get(A).size());
        assertEquals(10, fake.callsByToken().get(B).size());
        TokenState parked = pool.states().getFirst();
        assertEquals(TokenState.Status.PARKED, parked.status());
        assertEquals(Instant.parse("2026-11-23T21:00:00Z"), parked.parkedUntil(), "midnight in Moscow (UTC+3)");
    }

    @Test
    void requestsPerTokenStayWithinTheConfiguredRate() throws Exception {
        double rate = 8;
        int calls = 48;
        TokenPool pool = TokenPool.of(List.of(A, B), rate);
        try (VkClient vk = client(fake, pool, options(1, 1));
             var threads = Executors.newFixedThreadPool(4)) {
            List<Future<List<VkProfile>>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t * calls / 4 + 1;
                Callable<List<VkProfile>> task = () -> vk.users(ids(first, first + calls / 4 - 1));
                done.add(threads.submit(task));
            }
            for (Future<List<VkProfile>> f : done) {
                assertEquals(calls / 4, f.get().size());
            }
        }
        for (Map.Entry<String, List<FakeVkServer.Call>> e : fake.callsByToken().entrySet()) {
            List<Long> times = e.getValue().stream().map(FakeVkServer.Call::nanoTime).sorted().toList();
            // A token's first request arrives late by its connection set-up, which the limiter cannot see (up to
            // ~65 ms here, see VkBench); the guarantee is checked from the second request on.
            // Arrival times, not send times: on starved cores (CI beside other work) a request can reach the server
            // tens of ms after the limiter let it go, squeezing a 9th request into 1 s. 60 ms of jitter still fails
            // a limiter that lets one request too many through (9 at 8/s come within 1 s - 125 ms).
            RateCheck check = RateCheck.of(times.subList(1, times.size()));
            long jitter = 60_000_000;
            assertTrue(check.maxInAnySecond(jitter) <= rate,
                    "at most " + rate + " requests in any second (60 ms jitter allowed): " + check.maxInAnySecond(jitter));
            assertTrue(check.meanRate() <= rate * 1.02, "mean rate " + check.meanRate());
            assertTrue(times.size() >= calls / 2 - 4, "both tokens are used: " + times.size());
        }
    }

    @Test
    void interruptingACallStopsItInsteadOfRetrying() throws Exception {
        // a server that accepts the connection and never answers: the call blocks until interrupted; with no
        // backoff and no rate wait, no sleep notices the interrupt: only the runner's own check can
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             VkClient vk = new VkClient(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/method/"),
                     TokenPool.of(List.of(A), 1e9), new VkClientOptions(1000, 1,
                             new RetryPolicy(4, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(2), Duration.ofSeconds(10)))) {
            var failure = new AtomicReference<Throwable>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    vk.users(List.of("1"));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            Thread.sleep(300);
            caller.interrupt();
            caller.join(5_000);
            assertFalse(caller.isAlive());
            assertInstanceOf(InterruptedException.class, failure.get());
        }
    }
}
