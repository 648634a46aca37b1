package dev.locket.domain.auth.oauth2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authorization-code URL auth-methods hands to clients (auth.md §4.1): the provider's auth URL
 * plus the standard query in sorted key order, ending with {@code &redirect_uri=} so that the SDK can
 * append its own redirect URL.
 */
public final class AuthUrl {

    private AuthUrl() {
    }

    /** {@code base64url(sha256(verifier))} without padding (RFC 7636 S256). */
    public static String codeChallenge(String codeVerifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @param codeChallenge {@code ""} for providers without PKCE (the PKCE keys are then left out)
     */
    public static String build(ProviderConfig p, String state, String codeChallenge) {
        Map<String, String> q = new TreeMap<>();
        q.put("client_id", p.clientId());
        if (!codeChallenge.isEmpty()) {
            q.put("code_challenge", codeChallenge);
            q.put("code_challenge_method", "S256");
        }
        if (p.name().equals("apple")) {
            q.put("response_mode", "form_post"); // Apple posts the code (and the user's name) to the redirect
        }
        q.put("response_type", "code");
        if (!p.scopes().isEmpty()) {
            q.put("scope", String.join(" ", p.scopes()));
        }
        q.put("state", state);
        StringBuilder sb = new StringBuilder(p.authURL());
        sb.append(p.authURL().contains("?") ? '&' : '?');
        for (Map.Entry<String, String> e : q.entrySet()) {
            sb.append(encode(e.getKey())).append('=').append(encode(e.getValue())).append('&');
        }
        return sb.append("redirect_uri=").toString();
    }

    /** Go's {@code url.Values.Encode} escaping: spaces as {@code +}. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%7E", "~");
    }
}
