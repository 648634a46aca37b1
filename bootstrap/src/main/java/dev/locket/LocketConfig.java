package dev.locket;

import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What an embedder may fix before start: the clock and random source the core uses (tests pin them).
 * The data directory and address come from the command line passed to {@link Locket#start}.
 */
public record LocketConfig(Clock clock, RandomGenerator random) {
    public LocketConfig {
        Objects.requireNonNull(clock);
        Objects.requireNonNull(random);
    }

    public static LocketConfig defaults() {
        return new LocketConfig(Clock.systemUTC(), new java.security.SecureRandom());
    }
}
