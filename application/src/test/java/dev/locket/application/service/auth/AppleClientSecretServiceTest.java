package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.port.in.auth.GenerateAppleClientSecret;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.json.Json;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppleClientSecretServiceTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    final AppleClientSecretService service = new AppleClientSecretService(Clock.fixed(NOW, ZoneOffset.UTC));
    final RequestInfo superuser = RequestInfo.superuser(
            Fixtures.authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "h"));

    @Test
    void signsAnEs256JwtForAppleWithTheKeyIdTeamAndClient() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = gen.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        String jwt = service.generate(new GenerateAppleClientSecret.Command("com.example.app", "TEAM123456",
                "KEY1234567", pem, 3600, superuser));

        String[] parts = jwt.split("\\.");
        assertEquals(Map.of("alg", "ES256", "kid", "KEY1234567", "typ", "JWT"), decode(parts[0]));
        Map<?, ?> claims = decode(parts[1]);
        assertEquals("TEAM123456", claims.get("iss"));
        assertEquals("com.example.app", claims.get("sub"));
        assertEquals(List.of("https://appleid.apple.com"), claims.get("aud"));
        assertEquals(NOW.getEpochSecond(), ((Number) claims.get("iat")).longValue());
        assertEquals(NOW.getEpochSecond() + 3600, ((Number) claims.get("exp")).longValue());
        Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
        sig.initVerify(keys.getPublic());
        sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(sig.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void everyMissingValueIsAFieldError() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.generate(
                new GenerateAppleClientSecret.Command("", "", "", "", 0, superuser)));
        assertEquals("Invalid client secret data.", e.getMessage());
        for (String field : List.of("clientId", "teamId", "keyId", "privateKey", "duration")) {
            assertEquals("validation_required", ((FieldError) e.errors().get(field)).code(), field);
        }
    }

    @Test
    void aKeyThatIsNotEcIsAGenerationFailure() {
        String notAKey = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
        BadRequest e = assertThrows(BadRequest.class, () -> service.generate(new GenerateAppleClientSecret.Command(
                "c", "TEAM123456", "KEY1234567", notAKey, 60, superuser)));
        assertTrue(e.getMessage().startsWith("Failed to generate client secret. Raw error: \n"), e.getMessage());
    }

    @Test
    void onlySuperusersMayAsk() {
        Record alice = Fixtures.authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "h");
        assertThrows(Unauthorized.class, () -> service.generate(
                new GenerateAppleClientSecret.Command("", "", "", "", 0, RequestInfo.guest())));
        assertThrows(Forbidden.class, () -> service.generate(new GenerateAppleClientSecret.Command("", "", "", "", 0,
                new RequestInfo(java.util.Optional.of(alice), "POST", Map.of(), Map.of(), Map.of(), "default"))));
    }

    private static Map<?, ?> decode(String part) {
        return (Map<?, ?>) Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
