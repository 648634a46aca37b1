package dev.locket.domain.auth;

/**
 * The auth token an {@code Authorization} header carries. Upstream accepts the token bare or after a
 * case-insensitive {@code Bearer } prefix, on the REST API and on both realtime transports alike.
 */
public final class AuthorizationHeader {
    private static final String BEARER = "Bearer ";

    private AuthorizationHeader() {
    }

    /** The token of a header value (null counts as absent): trimmed, without the prefix; "" when there is none. */
    public static String token(String header) {
        String h = header == null ? "" : header.trim();
        if (h.length() >= BEARER.length() && h.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            h = h.substring(BEARER.length()).trim();
        }
        return h;
    }
}
