package dev.locket.application.service.record;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Upstream's randomized throttle on repeated empty filtered lists (apis/record_crud.go): a non-superuser's
 * list whose collection has a filter list rule, whose request has a {@code filter} and which found nothing
 * counts against a fixed window of {@value #MAX_REQUESTS} per {@value #WINDOW_SECONDS} s per collection and
 * client IP; past that the answer waits a random 0–{@value #SOFT_MAX_MILLIS} ms, so timing the list rule
 * through client filters gets noisy. A request without a client IP is never counted (as upstream).
 */
final class ListTimingThrottle {
    static final int MAX_REQUESTS = 3;
    static final long WINDOW_SECONDS = 3;
    static final int SOFT_MAX_MILLIS = 500;
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile Consumer<Duration> sleep = ListTimingThrottle::sleep;

    ListTimingThrottle(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** Counts one empty filtered list of {@code collectionId} from {@code clientIp}; waits when over the limit. */
    void emptyFilteredList(String collectionId, String clientIp) {
        if (clientIp == null || clientIp.isEmpty()) {
            return;
        }
        long now = clock.millis() / 1000;
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> w.expired(now));
        }
        Window w = windows.computeIfAbsent(collectionId + "|" + clientIp, k -> new Window());
        if (!w.consume(now)) {
            sleep.accept(Duration.ofMillis(random.nextInt(SOFT_MAX_MILLIS)));
        }
    }

    /** Tests watch the waits instead of sleeping through them. */
    void sleepWith(Consumer<Duration> sleeper) {
        this.sleep = sleeper;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Upstream's fixed window: {@link #MAX_REQUESTS} tokens, refilled when a window of whole seconds ends. */
    private static final class Window {
        private long start = Long.MIN_VALUE;
        private int available;

        synchronized boolean consume(long nowSeconds) {
            if (start == Long.MIN_VALUE || nowSeconds - start >= WINDOW_SECONDS) {
                available = MAX_REQUESTS;
                start = nowSeconds;
            }
            if (available > 0) {
                available--;
                return true;
            }
            return false;
        }

        synchronized boolean expired(long nowSeconds) {
            return nowSeconds - start >= WINDOW_SECONDS;
        }
    }
}
