package dev.locket;

import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What an embedder may fix before start: the clock and random source the core uses (tests pin them), and who
 * answers the CLI's confirmations (the terminal by default). The data directory and address come from the
 * command line passed to {@link Locket#start}.
 */
public record LocketConfig(Clock clock, RandomGenerator random, Confirmation confirmation) {
    public LocketConfig {
        Objects.requireNonNull(clock);
        Objects.requireNonNull(random);
        Objects.requireNonNull(confirmation);
    }

    public LocketConfig(Clock clock, RandomGenerator random) {
        this(clock, random, Confirmation.console());
    }

    public static LocketConfig defaults() {
        return new LocketConfig(Clock.systemUTC(),
                new dev.locket.bootstrap.BufferedSecureRandom(new java.security.SecureRandom()));
    }

    /** This configuration with {@code confirmation} answering the CLI's yes/no questions. */
    public LocketConfig withConfirmation(Confirmation confirmation) {
        return new LocketConfig(clock, random, confirmation);
    }
}
