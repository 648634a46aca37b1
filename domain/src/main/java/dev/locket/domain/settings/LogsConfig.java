package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.min;

import dev.locket.domain.error.ErrorNode;
import java.util.Optional;

/** {@code logs}: how long request logs are kept (0 days = not logged), the lowest level kept, what is recorded. */
public record LogsConfig(long maxDays, long minLevel, boolean logIP, boolean logAuthId) {

    public static final LogsConfig DEFAULTS = new LogsConfig(5, 0, true, false);

    public Optional<ErrorNode> validate() {
        return new Checks.Errors().field("maxDays", min(maxDays, 0)).group();
    }
}
