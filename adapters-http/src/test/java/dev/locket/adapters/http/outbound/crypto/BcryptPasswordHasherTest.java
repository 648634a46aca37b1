package dev.locket.adapters.http.outbound.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {

    // The fixture's _superusers test@example.com hash (password 1234567890), written by Go.
    static final String FIXTURE_HASH = "$2a$13$6PP1fpShEsQHpZElw4.BN.vMl/2CMIKc2kpumJM//T4qV4RGUgb6i";

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher();

    @Test
    void verifiesGoWrittenFixtureHash() {
        assertTrue(hasher.matches("1234567890", FIXTURE_HASH));
        assertFalse(hasher.matches("123456789", FIXTURE_HASH));
    }

    @Test
    void hashesAs2aWithRequestedCostAndVerifies() {
        String hash = hasher.hash("secret-pass", 4);
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(hasher.matches("secret-pass", hash));
        assertFalse(hasher.matches("other-pass", hash));
    }

    @Test
    void malformedHashOrOverlongPasswordNeverMatches() {
        assertFalse(hasher.matches("1234567890", "not-a-hash"));
        assertFalse(hasher.matches("1234567890", ""));
        assertFalse(hasher.matches("x".repeat(100), FIXTURE_HASH));
    }
}
