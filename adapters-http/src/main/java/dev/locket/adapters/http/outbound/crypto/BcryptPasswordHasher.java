package dev.locket.adapters.http.outbound.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.locket.application.port.out.PasswordHasher;

/** bcrypt {@code $2a$} hashes, interchangeable with Go's golang.org/x/crypto/bcrypt. */
public final class BcryptPasswordHasher implements PasswordHasher {

    // Compared against when the stored hash is unusable, so a bad hash costs as much as a good one.
    private static final String DUMMY = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(10, "locket".toCharArray());
    private static final int GO_DEFAULT_COST = 10;

    @Override
    public String hash(String plain, int cost) {
        // Go falls back to its default cost below the minimum.
        int effective = cost < 4 ? GO_DEFAULT_COST : Math.min(cost, 31);
        return BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(effective, plain.toCharArray());
    }

    @Override
    public boolean matches(String plain, String hash) {
        if (plain == null) {
            plain = "";
        }
        try {
            if (hash != null && hash.startsWith("$2")) {
                return BCrypt.verifyer().verify(plain.toCharArray(), hash.toCharArray()).verified;
            }
        } catch (RuntimeException e) {
            // malformed hash or over-long password: fall through to the dummy comparison
        }
        try {
            BCrypt.verifyer().verify(plain.toCharArray(), DUMMY.toCharArray());
        } catch (RuntimeException ignored) {
            // only there to spend time
        }
        return false;
    }
}
