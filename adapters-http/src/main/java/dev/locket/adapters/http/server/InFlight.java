package dev.locket.adapters.http.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;

/**
 * Counts requests being handled so a stop can wait for them to finish. Event streams (the
 * realtime SSE connection) are left out: they only end when the client goes away.
 */
final class InFlight implements Filter {

    private final Object lock = new Object();
    private int active;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isStream(req)) {
            chain.proceed();
            return;
        }
        synchronized (lock) {
            active++;
        }
        try {
            chain.proceed();
        } finally {
            synchronized (lock) {
                active--;
                if (active == 0) {
                    lock.notifyAll();
                }
            }
        }
    }

    private static boolean isStream(RoutingRequest req) {
        if (req.path().path().equals("/api/realtime") && req.prologue().method().equals(Method.GET)) {
            return true;
        }
        return req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("text/event-stream")).orElse(false);
    }

    void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
