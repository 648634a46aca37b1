package dev.locket.domain.settings;

import java.util.List;
import java.util.Objects;

/**
 * {@code trustedProxy}: the request headers that carry the client's IP behind a proxy, tried in
 * order, and whether to take the leftmost address of such a header instead of the rightmost.
 */
public record TrustedProxyConfig(List<String> headers, boolean useLeftmostIP) {

    public static final TrustedProxyConfig DEFAULTS = new TrustedProxyConfig(List.of(), false);

    public TrustedProxyConfig {
        headers = List.copyOf(Objects.requireNonNullElse(headers, List.of()));
    }
}
