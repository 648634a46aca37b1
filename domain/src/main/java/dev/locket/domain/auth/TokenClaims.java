package dev.locket.domain.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims of a PocketBase token: record id, type, collection id, expiry (unix seconds) and the
 * type-specific extras ({@code refreshable}, {@code email}, {@code newEmail}).
 */
public record TokenClaims(String id, TokenType type, String collectionId, long exp, Map<String, Object> extra) {
    public TokenClaims {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public boolean refreshable() {
        return Boolean.TRUE.equals(extra.get("refreshable"));
    }
}
