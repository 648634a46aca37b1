package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.min;
import static dev.locket.domain.settings.Checks.requiredWhen;

import dev.locket.domain.error.ErrorNode;
import java.util.Optional;

/**
 * {@code batch}: whether {@code POST /api/batch} is open, its request count limit, its transaction
 * timeout in seconds and its body size limit in bytes (0 = upstream's 128 MiB).
 */
public record BatchConfig(boolean enabled, long maxRequests, long timeout, long maxBodySize) {

    public static final BatchConfig DEFAULTS = new BatchConfig(false, 50, 3, 0);

    public Optional<ErrorNode> validate() {
        return new Checks.Errors()
                .field("maxRequests", requiredWhen(enabled, maxRequests), min(maxRequests, 0))
                .field("timeout", requiredWhen(enabled, timeout), min(timeout, 0))
                .field("maxBodySize", min(maxBodySize, 0))
                .group();
    }
}
