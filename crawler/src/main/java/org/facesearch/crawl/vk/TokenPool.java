package org.facesearch.crawl.vk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VK tokens of a crawl, used in rotation, each with its own {@link RateLimiter}.
 *
 * <p>{@link #acquire()} hands out the token that may send soonest and sleeps until its slot, so callers on any
 * number of threads never exceed the per-token rate. A token is in one of four states:
 * <ul>
 *   <li>active;</li>
 *   <li>paused for a while after a transient error (6, 9, 10, network), see {@link #pause};</li>
 *   <li>parked until the start of the next day in {@code dayZone} after error 29 (daily limit), see {@link #park};
 *       when every remaining token is parked, {@code acquire} waits for the first one to come back;</li>
 *   <li>dropped after error 5 (authorization failed), see {@link #drop}; when every token is dropped,
 *       {@code acquire} throws {@link NoUsableTokenException}.</li>
 * </ul>
 * Only masked labels are logged. Parking uses {@code clock} (wall time, so a test can pin the day); rate slots and
 * pauses use {@link System#nanoTime()}. VK does not document when daily limits reset; Moscow midnight is the
 * conventional guess and the zone is a parameter.
 */
public final class TokenPool {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPool.class);

    /** VK's documented limit for user and service tokens. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 3;

    /** What a status line or test may know about a token. */
    public record TokenState(String label, Status status, Instant parkedUntil) {
        public enum Status { ACTIVE, PARKED, DROPPED }
    }

    private static final class Slot {
        final VkToken token;
        final RateLimiter limiter;
        long pausedUntilNanos = Long.MIN_VALUE;
        Instant parkedUntil;
        boolean dropped;

        Slot(VkToken token, RateLimiter limiter) {
            this.token = token;
            this.limiter = limiter;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    /** Where the next search starts, so that equally free tokens take turns. */
    private int nextIndex;
    private final Clock clock;
    private final ZoneId dayZone;

    public TokenPool(List<String> secrets, double requestsPerSecond, Clock clock, ZoneId dayZone) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one VK token is needed");
        }
        for (int i = 0; i < secrets.size(); i++) {
            slots.add(new Slot(new VkToken(i, secrets.get(i)), new RateLimiter(requestsPerSecond)));
        }
        this.clock = clock;
        this.dayZone = dayZone;
    }

    /** Tokens in rotation with the system clock and VK's day boundary at Moscow midnight. */
    public static TokenPool of(List<String> secrets, double requestsPerSecond) {
        return new TokenPool(secrets, requestsPerSecond, Clock.systemUTC(), ZoneId.of("Europe/Moscow"));
    }

    /**
     * The token that may send soonest, after sleeping until its rate slot; equally free tokens take turns.
     *
     * @throws NoUsableTokenException when every token has been dropped
     */
    public VkToken acquire() throws InterruptedException {
        Slot chosen;
        long start;
        synchronized (this) {
            while (true) {
                long now = System.nanoTime();
                chosen = null;
                start = Long.MAX_VALUE;
                Instant firstUnpark = null;
                boolean anyLeft = false;
                int chosenIndex = -1;
                for (int i = 0; i < slots.size(); i++) {
                    int index = (nextIndex + i) % slots.size();
                    Slot slot = slots.get(index);
                    if (slot.dropped) {
                        continue;
                    }
                    anyLeft = true;
                    if (slot.parkedUntil != null) {
                        if (clock.instant().isBefore(slot.parkedUntil)) {
                            firstUnpark = firstUnpark == null || slot.parkedUntil.isBefore(firstUnpark) ? slot.parkedUntil : firstUnpark;
                            continue;
                        }
                        slot.parkedUntil = null;
                        LOG.info("VK {} is back from its daily-limit pause", slot.token.label());
                    }
                    long earliest = slot.limiter.earliest(Math.max(now, slot.pausedUntilNanos));
                    if (earliest < start) {
                        start = earliest;
                        chosen = slot;
                        chosenIndex = index;
                    }
                }
                if (!anyLeft) {
                    throw new NoUsableTokenException(slots.size());
                }
                if (chosen != null) {
                    chosen.limiter.reserve(start);
                    nextIndex = chosenIndex + 1;
                    break;
                }
                Duration wait = Duration.between(clock.instant(), firstUnpark);
                LOG.warn("Every usable VK token has reached its daily limit; waiting until {} ({})", firstUnpark, wait);
                TimeUnit.MILLISECONDS.timedWait(this, Math.max(1, wait.toMillis()));
            }
        }
        long sleep = start - System.nanoTime();
        if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        }
        return chosen.token;
    }

    /** Keeps {@code token} idle for {@code delay} (backoff after a transient error); other tokens carry on. */
    public synchronized void pause(VkToken token, Duration delay) {
        Slot slot = slot(token);
        slot.pausedUntilNanos = Math.max(slot.pausedUntilNanos, System.nanoTime() + delay.toNanos());
    }

    /** Takes {@code token} out of rotation until the start of the next day (VK error 29, daily limit). */
    public synchronized void park(VkToken token) {
        Instant until = clock.instant().atZone(dayZone).toLocalDate().plusDays(1).atStartOfDay(dayZone).toInstant();
        slot(token).parkedUntil = until;
        LOG.warn("VK {} reached a daily limit (error 29); parked until {}", token.label(), until);
    }

    /** Removes {@code token} for good (VK error 5); the crawl carries on with the others. */
    public synchronized void drop(VkToken token, String reason) {
        Slot slot = slot(token);
        if (!slot.dropped) {
            slot.dropped = true;
            long left = slots.stream().filter(s -> !s.dropped).count();
            LOG.warn("VK {} dropped: {}; {} of {} token(s) left", token.label(), reason, left, slots.size());
        }
        notifyAll();
    }

    public synchronized List<TokenState> states() {
        Instant now = clock.instant();
        return slots.stream().map(s -> new TokenState(s.token.label(),
                s.dropped ? TokenState.Status.DROPPED
                        : s.parkedUntil != null && now.isBefore(s.parkedUntil) ? TokenState.Status.PARKED
                        : TokenState.Status.ACTIVE,
                s.parkedUntil)).toList();
    }

    private Slot slot(VkToken token) {
        return slots.stream().filter(s -> s.token == token).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(token.label() + " is not from this pool"));
    }

    @Override
    public synchronized String toString() {
        return "TokenPool" + states();
    }
}
