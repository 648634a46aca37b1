package dev.locket.domain.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthOptionsCodecTest {

    @Test
    void writesEveryKeyInPocketBaseOrderWithSecrets() {
        AuthCollection clients = (AuthCollection) FixtureCollections.collection("clients");
        Map<String, Object> written = AuthOptionsCodec.write(clients.auth());
        assertEquals(AuthOptionsCodec.KEYS, new ArrayList<>(written.keySet()));
        assertEquals(Map.of("secret", "4Ax9zDm2Rwtny81dGaGQrJQBnIx5wVOuNe89X6v7NbNzrAZhvn", "duration", 180L),
                written.get("fileToken"));
    }

    @Test
    void absentKeysKeepTheDefaults() {
        AuthOptions o = AuthOptionsCodec.read(Map.of("manageRule", "id != ''", "authToken", Map.of("duration", 100)));
        assertEquals(AccessRule.PUBLIC, o.authRule());
        assertEquals(AccessRule.of("id != ''"), o.manageRule());
        assertEquals(100, o.authToken().duration());
        assertEquals("", o.authToken().secret());
        assertEquals(1800, o.passwordResetToken().duration());
        assertEquals(List.of("email"), o.passwordAuth().identityFields());
        assertEquals(Map.of("enabled", false, "duration", 600L, "rule", ""), o.extra().get("mfa"));
    }

    @Test
    void partialObjectsAreLaidOverTheDefaults() {
        assertEquals(new PasswordAuth(false, List.of("email")), AuthOptionsCodec.passwordAuth(Map.of("enabled", false)));
        assertEquals(new TokenConfig("", 86400), AuthOptionsCodec.token("verificationToken", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> otp = (Map<String, Object>) AuthOptionsCodec.completeSection("otp", Map.of("enabled", true));
        assertEquals(true, otp.get("enabled"));
        assertEquals(180L, otp.get("duration"));
        assertTrue(otp.containsKey("emailTemplate"));
    }

    @Test
    void providersGetTheFullKeySetWithAnEmptySecret() {
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth2 = (Map<String, Object>) AuthOptionsCodec.completeSection("oauth2",
                Map.of("enabled", true, "providers", List.of(Map.of("name", "google", "clientId", "abc"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> provider = (Map<String, Object>) ((List<Object>) oauth2.get("providers")).get(0);
        assertEquals("", provider.get("clientSecret"));
        assertEquals("abc", provider.get("clientId"));
        assertTrue(provider.containsKey("pkce"));
    }

    @Test
    void badShapesAreReportedAtTheirPath() {
        assertEquals(List.of("otp"), assertThrows(JsonShape.Mismatch.class,
                () -> AuthOptionsCodec.completeSection("otp", "on")).path());
        assertEquals(List.of("oauth2", "providers", "0"), assertThrows(JsonShape.Mismatch.class,
                () -> AuthOptionsCodec.completeSection("oauth2", Map.of("providers", List.of(1)))).path());
        assertEquals(List.of("passwordAuth", "enabled"), assertThrows(JsonShape.Mismatch.class,
                () -> AuthOptionsCodec.passwordAuth(Map.of("enabled", "yes"))).path());
        assertEquals(List.of("fileToken", "duration"), assertThrows(JsonShape.Mismatch.class,
                () -> AuthOptionsCodec.token("fileToken", Map.of("duration", 1.5))).path());
    }
}
