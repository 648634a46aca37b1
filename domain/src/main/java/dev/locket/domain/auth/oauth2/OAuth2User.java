package dev.locket.domain.auth.oauth2;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's user as PocketBase normalises it: id, name, username, the email only when the
 * provider considers it verified ({@code ""} otherwise), avatar URL, the raw payload and the tokens.
 */
public record OAuth2User(String id, String name, String username, String email, String avatarURL,
                         Map<String, Object> rawUser, String accessToken, String refreshToken,
                         Optional<Instant> expiry) {
    public OAuth2User {
        id = nz(id);
        name = nz(name);
        username = nz(username);
        email = nz(email);
        avatarURL = nz(avatarURL);
        rawUser = Collections.unmodifiableMap(new LinkedHashMap<>(rawUser == null ? Map.of() : rawUser));
        accessToken = nz(accessToken);
        refreshToken = nz(refreshToken);
        expiry = expiry == null ? Optional.empty() : expiry;
    }

    public OAuth2User withName(String newName) {
        return new OAuth2User(id, newName, username, email, avatarURL, rawUser, accessToken, refreshToken, expiry);
    }

    public OAuth2User withEmail(String newEmail) {
        return new OAuth2User(id, name, username, newEmail, avatarURL, rawUser, accessToken, refreshToken, expiry);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
