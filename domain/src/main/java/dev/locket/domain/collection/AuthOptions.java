package dev.locket.domain.collection;

import dev.locket.domain.filter.AccessRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Auth collection settings. The parts the core acts on today are typed; the rest (oauth2, mfa,
 * otp, authAlert, mail templates) is kept as plain JSON-shaped values in {@code extra} so that it
 * round-trips unchanged until the auth flows that use it type it.
 */
public record AuthOptions(AccessRule authRule, AccessRule manageRule, PasswordAuth passwordAuth,
                          TokenConfig authToken, TokenConfig passwordResetToken, TokenConfig emailChangeToken,
                          TokenConfig verificationToken, TokenConfig fileToken, Map<String, Object> extra) {
    public AuthOptions {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
