package dev.locket.adapters.http.outbound.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.locket.application.port.out.PasswordHasher;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * bcrypt {@code $2a$} hashes, interchangeable with Go's golang.org/x/crypto/bcrypt.
 *
 * <p>Each hash runs on a small pool of platform threads, one per core, while the request's virtual thread
 * waits unmounted. A hash is ~50 ms of CPU that never yields: run on the virtual thread itself, a flood of
 * failed logins held every carrier and {@code /api/health} waited seconds behind them (AbuseIT). Go's
 * scheduler preempts a busy goroutine every 10 ms, so upstream stays responsive under the same flood; the
 * OS scheduler does that here between the hash threads and the carriers.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    /**
     * Compared against when the stored hash is unusable, so a bad hash costs as much as a good one. Made on
     * first use: a hash at class load cost the server's start about 0.4 s (interpreted bcrypt).
     */
    private static final class Dummy {
        static final String HASH = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(10, "locket".toCharArray());
    }

    private static final int GO_DEFAULT_COST = 10;

    private final ExecutorService hashing = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().daemon().name("locket-bcrypt-", 1).factory());

    @Override
    public String hash(String plain, int cost) {
        // Go falls back to its default cost below the minimum.
        int effective = cost < 4 ? GO_DEFAULT_COST : Math.min(cost, 31);
        return offCarrier(() -> BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(effective, plain.toCharArray()));
    }

    @Override
    public boolean matches(String plain, String hash) {
        return offCarrier(() -> verify(plain == null ? "" : plain, hash));
    }

    private <T> T offCarrier(Supplier<T> work) {
        Future<T> done = hashing.submit(work::get);
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        }
    }

    private static boolean verify(String plain, String hash) {
        try {
            if (hash != null && hash.startsWith("$2")) {
                return BCrypt.verifyer().verify(plain.toCharArray(), hash.toCharArray()).verified;
            }
        } catch (RuntimeException e) {
            // malformed hash or over-long password: fall through to the dummy comparison
        }
        try {
            BCrypt.verifyer().verify(plain.toCharArray(), Dummy.HASH.toCharArray());
        } catch (RuntimeException ignored) {
            // only there to spend time
        }
        return false;
    }
}
