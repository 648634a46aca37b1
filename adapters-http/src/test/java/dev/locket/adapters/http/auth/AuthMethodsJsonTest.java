package dev.locket.adapters.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.locket.application.port.in.auth.AuthMethods;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET auth-methods} as the SDKs read it: upstream's key order, then the legacy keys. */
class AuthMethodsJsonTest {

    @Test
    void passwordMfaAndOtpInUpstreamShape() {
        Map<String, Object> out = AuthFlowRoutes.authMethodsJson(new AuthMethods(
                new AuthMethods.Password(true, List.of("email")), new AuthMethods.OAuth2(false, List.of()),
                new AuthMethods.Timed(true, 600), new AuthMethods.Timed(true, 180)));

        assertEquals(List.of("password", "oauth2", "mfa", "otp", "authProviders", "usernamePassword", "emailPassword"),
                List.copyOf(out.keySet()));
        assertEquals(Map.of("identityFields", List.of("email"), "enabled", true), out.get("password"));
        assertEquals(Map.of("enabled", true, "duration", 600L), out.get("mfa"));
        assertEquals(Map.of("enabled", true, "duration", 180L), out.get("otp"));
        assertEquals(Map.of("providers", List.of(), "enabled", false), out.get("oauth2"));
        assertNull(out.get("authProviders"));
        assertEquals(false, out.get("usernamePassword"));
        assertEquals(true, out.get("emailPassword"));
    }

    @Test
    void providersCarryTheirLogoWhileTheLegacyListBlanksIt() {
        AuthMethods.Provider github = new AuthMethods.Provider("github", "GitHub", "<svg/>", "st", "https://x",
                "", "", "");
        Map<String, Object> out = AuthFlowRoutes.authMethodsJson(new AuthMethods(
                new AuthMethods.Password(false, List.of()), new AuthMethods.OAuth2(true, List.of(github)),
                new AuthMethods.Timed(false, 0), new AuthMethods.Timed(false, 0)));

        @SuppressWarnings("unchecked")
        Map<String, Object> provider = ((List<Map<String, Object>>) ((Map<String, Object>) out.get("oauth2"))
                .get("providers")).get(0);
        assertEquals(List.of("name", "displayName", "logo", "state", "authURL", "authUrl", "codeVerifier",
                "codeChallenge", "codeChallengeMethod"), List.copyOf(provider.keySet()));
        assertEquals("<svg/>", provider.get("logo"));
        assertEquals("https://x", provider.get("authUrl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> legacy = ((List<Map<String, Object>>) out.get("authProviders")).get(0);
        assertEquals("", legacy.get("logo"));
        assertEquals(false, out.get("emailPassword"));
    }
}
