package dev.locket.domain.auth.oauth2;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a provider's raw user payload (JSON-shaped) to an {@link OAuth2User}. Each provider reports
 * its email only when it is verified; payloads that say nothing about verification keep the email
 * only for providers that only ever return confirmed addresses (GitHub, GitLab, Microsoft Graph).
 */
public final class UserMapping {

    private UserMapping() {
    }

    /** The tokens the code exchange returned. */
    public record Tokens(String accessToken, String refreshToken, Optional<Instant> expiry) {
    }

    public static OAuth2User map(String provider, Map<String, Object> raw, Tokens tokens) {
        String base = provider.startsWith("oidc") ? "oidc" : provider;
        return switch (base) {
            case "google", "oidc" -> user(raw, tokens, str(raw, "sub"), str(raw, "name"),
                    str(raw, "preferred_username"), verified(raw, "email_verified") ? str(raw, "email") : "",
                    str(raw, "picture"));
            case "apple" -> user(raw, tokens, str(raw, "sub"), str(raw, "name"), "",
                    verified(raw, "email_verified") ? str(raw, "email") : "", "");
            case "github", "gitea" -> user(raw, tokens, str(raw, "id"), str(raw, "name"),
                    str(raw, "login"), str(raw, "email"), str(raw, "avatar_url"));
            case "gitlab" -> user(raw, tokens, str(raw, "id"), str(raw, "name"), str(raw, "username"),
                    str(raw, "email"), str(raw, "avatar_url"));
            case "microsoft" -> user(raw, tokens, str(raw, "id"), str(raw, "displayName"), "", str(raw, "mail"), "");
            case "discord" -> discord(raw, tokens);
            default -> generic(raw, tokens);
        };
    }

    /** Discord shows {@code username#discriminator} as the name and builds the avatar URL from the hash. */
    private static OAuth2User discord(Map<String, Object> raw, Tokens tokens) {
        String id = str(raw, "id");
        String username = str(raw, "username");
        String avatar = str(raw, "avatar");
        String avatarURL = avatar.isEmpty() ? "" : "https://cdn.discordapp.com/avatars/" + id + "/" + avatar + ".png";
        String name = username + "#" + str(raw, "discriminator");
        return user(raw, tokens, id, name, username, verified(raw, "verified") ? str(raw, "email") : "", avatarURL);
    }

    /** Providers without a dedicated mapping: the usual keys, and an email only when marked verified. */
    private static OAuth2User generic(Map<String, Object> raw, Tokens tokens) {
        String id = first(raw, "id", "sub", "user_id");
        String username = first(raw, "username", "login", "preferred_username", "screen_name");
        boolean verified = verified(raw, "email_verified") || verified(raw, "verified")
                || verified(raw, "is_email_verified");
        return user(raw, tokens, id, first(raw, "name", "full_name", "display_name", "displayName"), username,
                verified ? first(raw, "email", "mail") : "", first(raw, "avatar_url", "picture", "image_url"));
    }

    private static OAuth2User user(Map<String, Object> raw, Tokens tokens, String id, String name, String username,
                                   String email, String avatarURL) {
        return new OAuth2User(id, name, username, email, avatarURL, raw, tokens.accessToken(), tokens.refreshToken(),
                tokens.expiry());
    }

    private static String first(Map<String, Object> raw, String... keys) {
        for (String k : keys) {
            String v = str(raw, k);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** A verification flag that may arrive as a JSON bool or as the string {@code "true"} (Apple). */
    static boolean verified(Map<String, Object> raw, String key) {
        Object v = raw.get(key);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    /** Text of a string or number value; integral numbers without a fraction ({@code 123}, not {@code 123.0}). */
    public static String str(Map<String, Object> raw, String key) {
        Object v = raw.get(key);
        return switch (v) {
            case null -> "";
            case String s -> s;
            case Double d when d == Math.rint(d) && !d.isInfinite() -> new BigDecimal(d).toBigInteger().toString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case List<?> l -> "";
            case Map<?, ?> m -> "";
            default -> v.toString();
        };
    }
}
