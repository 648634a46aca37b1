package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.in;
import static dev.locket.domain.settings.Checks.matches;
import static dev.locket.domain.settings.Checks.min;
import static dev.locket.domain.settings.Checks.required;

import dev.locket.domain.error.ErrorNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rate limit: at most {@code maxRequests} requests per {@code duration} seconds for what
 * {@code label} names — a tag ({@code users:create}, {@code *:auth}, {@code mytag}), a path
 * ({@code /api/batch}), a path prefix ending in {@code /}, or {@code METHOD path} — counted for
 * everyone ({@code ""}), guests ({@code @guest}) or authenticated clients ({@code @auth}).
 */
public record RateLimitRule(String label, String audience, long duration, long maxRequests) {

    public static final String EVERYONE = "";
    public static final String GUEST = "@guest";
    public static final String AUTH = "@auth";

    /** Upstream's label syntax ({@code \w} is ASCII only in Go's regexp, as in Java's). */
    private static final Pattern LABEL = Pattern.compile("^(\\w+ /[\\w/-]*|/[\\w/-]*|\\w+:\\w+|\\*:\\w+|\\w+)$");

    public RateLimitRule {
        label = Objects.requireNonNullElse(label, "");
        audience = Objects.requireNonNullElse(audience, "");
    }

    /** Whether the rule counts requests of {@code requestAudience} ({@link #GUEST} or {@link #AUTH}). */
    public boolean appliesTo(String requestAudience) {
        return audience.isEmpty() || audience.equals(requestAudience);
    }

    public Optional<ErrorNode> validate() {
        return new Checks.Errors()
                .field("label", required(label), matches(label, LABEL))
                .field("maxRequests", required(maxRequests), min(maxRequests, 1))
                .field("duration", required(duration), min(duration, 1))
                .field("audience", in(audience, Set.of(EVERYONE, GUEST, AUTH)))
                .group();
    }
}
