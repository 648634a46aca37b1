package dev.locket.adapters.http.outbound.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import dev.locket.application.fake.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtTokenCodecTest {

    // From a copy of the fixture's data.db: _superusers record sywbhecnh46rhm0 and its collection's authToken.
    static final String SUPERUSER_TOKEN_KEY = "O4rvW9FSUyTA3xUuQmXR3wHF2db9bHs19nBHeSgVTxerOsTAl4";
    static final String SUPERUSERS_AUTH_SECRET = "MyN3nDlzmHnuCjd35vb6cyIdqNr7Os0PmgiPVDMxmbFToSpBvS";
    static final String FIXTURE_SUPERUSER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";

    private final JwtTokenCodec codec = new JwtTokenCodec(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void verifiesFixtureSuperuserTokenWithoutTypHeader() {
        Optional<TokenClaims> claims = codec.verify(FIXTURE_SUPERUSER_TOKEN, SUPERUSER_TOKEN_KEY + SUPERUSERS_AUTH_SECRET);
        assertTrue(claims.isPresent());
        assertEquals("sywbhecnh46rhm0", claims.get().id());
        assertEquals(TokenType.AUTH, claims.get().type());
        assertEquals("pbc_3142635823", claims.get().collectionId());
        assertEquals(2524604461L, claims.get().exp());
        assertTrue(claims.get().refreshable());
    }

    @Test
    void rejectsFixtureTokenWithWrongKey() {
        assertTrue(codec.verify(FIXTURE_SUPERUSER_TOKEN, SUPERUSER_TOKEN_KEY).isEmpty());
    }

    @Test
    void aTokenSeenBeforeIsStillCheckedForItsKeyAndExpiryOnEveryUse() {
        MovableClock moving = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JwtTokenCodec remembering = new JwtTokenCodec(moving);
        String key = SUPERUSER_TOKEN_KEY + SUPERUSERS_AUTH_SECRET;
        assertTrue(remembering.peek(FIXTURE_SUPERUSER_TOKEN).isPresent());
        assertTrue(remembering.verify(FIXTURE_SUPERUSER_TOKEN, key).isPresent());
        assertTrue(remembering.verify(FIXTURE_SUPERUSER_TOKEN, key).isPresent(), "the same answer the second time");
        // a changed tokenKey (password change, logout everywhere) is a different key
        assertTrue(remembering.verify(FIXTURE_SUPERUSER_TOKEN, "other" + SUPERUSERS_AUTH_SECRET).isEmpty());
        assertTrue(remembering.verify(FIXTURE_SUPERUSER_TOKEN, key).isPresent());
        moving.advance(Duration.between(moving.instant(), Instant.ofEpochSecond(2524604461L)));
        assertTrue(remembering.verify(FIXTURE_SUPERUSER_TOKEN, key).isEmpty(), "expired since it was first seen");
        String tampered = FIXTURE_SUPERUSER_TOKEN.substring(0, FIXTURE_SUPERUSER_TOKEN.length() - 2) + "xx";
        moving.advance(Duration.between(moving.instant(), Instant.parse("2026-01-01T00:00:00Z")));
        assertTrue(remembering.verify(tampered, key).isEmpty());
    }

    @Test
    void peekReadsClaimsWithoutKey() {
        assertEquals("pbc_3142635823", codec.peek(FIXTURE_SUPERUSER_TOKEN).orElseThrow().collectionId());
        assertTrue(codec.peek("not-a-token").isEmpty());
    }

    @Test
    void signsWithPocketBaseHeaderAndSortedClaimsAndVerifiesBack() {
        TokenClaims claims = new TokenClaims("abc", TokenType.AUTH, "_pb_users_auth_", 1798761600L,
                Map.of("refreshable", true));
        String token = codec.sign(claims, "key");
        String[] parts = token.split("\\.");
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", decode(parts[0]));
        assertEquals("{\"collectionId\":\"_pb_users_auth_\",\"exp\":1798761600,\"id\":\"abc\",\"refreshable\":true,\"type\":\"auth\"}",
                decode(parts[1]));
        assertEquals(claims, codec.verify(token, "key").orElseThrow());
    }

    @Test
    void rejectsExpiredTokens() {
        TokenClaims claims = new TokenClaims("abc", TokenType.AUTH, "c", 1640991661L, Map.of());
        assertTrue(codec.verify(codec.sign(claims, "key"), "key").isEmpty());
    }

    @Test
    void rejectsAlgNoneAndOtherAlgorithms() throws Exception {
        String payload = b64("{\"id\":\"abc\",\"type\":\"auth\",\"collectionId\":\"c\",\"exp\":2524604461}");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        assertTrue(codec.verify(none, "key").isEmpty());

        String header384 = b64("{\"alg\":\"HS384\",\"typ\":\"JWT\"}");
        Mac mac = Mac.getInstance("HmacSHA384");
        mac.init(new SecretKeySpec("key".getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
        String sig = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((header384 + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(codec.verify(header384 + "." + payload + "." + sig, "key").isEmpty());
    }

    @Test
    void rejectsTokensMissingRequiredClaims() {
        TokenClaims claims = new TokenClaims("abc", TokenType.AUTH, "c", 2524604461L, Map.of());
        String good = codec.sign(claims, "key");
        assertFalse(codec.verify(good, "key").isEmpty());
        String payload = b64("{\"type\":\"auth\",\"collectionId\":\"c\",\"exp\":2524604461}");
        assertTrue(codec.peek(b64("{\"alg\":\"HS256\"}") + "." + payload + ".x").isEmpty());
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
