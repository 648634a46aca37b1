package dev.locket.domain.collection;

import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.types.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The options PocketBase gives a new auth collection, mail templates included. Durations follow
 * auth.md §1 (auth token 5 days, verification 1 day, MFA 10 min, OTP 3 min), the project's reference.
 */
final class AuthDefaults {
    static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static final long AUTH_TOKEN_DURATION = 432000;
    static final long SUPERUSERS_AUTH_TOKEN_DURATION = 86400;

    private static final String SIGN_OFF = "<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>";

    static final String ALERT_SUBJECT = "Login from a new location";
    static final String ALERT_BODY = "<p>Hello,</p>\n"
            + "<p>We noticed a login to your {APP_NAME} account from a new location:</p>\n"
            + "<p><em>{ALERT_INFO}</em></p>\n"
            + "<p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password"
            + " to revoke access from all other locations.</strong></p>\n"
            + "<p>If this was you, you may disregard this email.</p>\n" + SIGN_OFF;
    static final String OTP_SUBJECT = "OTP for {APP_NAME}";
    static final String OTP_BODY = "<p>Hello,</p>\n"
            + "<p>Your one-time password is: <strong>{OTP}</strong></p>\n"
            + "<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>\n" + SIGN_OFF;
    static final String VERIFICATION_SUBJECT = "Verify your {APP_NAME} email";
    static final String VERIFICATION_BODY = "<p>Hello,</p>\n"
            + "<p>Thank you for joining us at {APP_NAME}.</p>\n"
            + "<p>Click on the button below to verify your email address.</p>\n"
            + "<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-verification/{TOKEN}\" target=\"_blank\""
            + " rel=\"noopener\">Verify</a>\n</p>\n" + SIGN_OFF;
    static final String RESET_SUBJECT = "Reset your {APP_NAME} password";
    static final String RESET_BODY = "<p>Hello,</p>\n"
            + "<p>Click on the button below to reset your password.</p>\n"
            + "<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}\" target=\"_blank\""
            + " rel=\"noopener\">Reset password</a>\n</p>\n"
            + "<p><i>If you didn't ask to reset your password, you can ignore this email.</i></p>\n" + SIGN_OFF;
    static final String EMAIL_CHANGE_SUBJECT = "Confirm your {APP_NAME} new email address";
    static final String EMAIL_CHANGE_BODY = "<p>Hello,</p>\n"
            + "<p>Click on the button below to confirm your new email address.</p>\n"
            + "<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}\" target=\"_blank\""
            + " rel=\"noopener\">Confirm new email</a>\n</p>\n"
            + "<p><i>If you didn't ask to change your email address, you can ignore this email.</i></p>\n" + SIGN_OFF;

    private AuthDefaults() {
    }

    /** Defaults with fresh 50-character secrets, or {@code ""} secrets when {@code random} is null. */
    static AuthOptions options(RandomGenerator random) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("authAlert", ordered("enabled", true, "emailTemplate", template(ALERT_SUBJECT, ALERT_BODY)));
        extra.put("oauth2", ordered("providers", List.of(),
                "mappedFields", ordered("id", "", "name", "", "username", "", "avatarURL", ""),
                "enabled", false));
        extra.put("mfa", ordered("enabled", false, "duration", 600L, "rule", ""));
        extra.put("otp", ordered("enabled", false, "duration", 180L, "length", 8L,
                "emailTemplate", template(OTP_SUBJECT, OTP_BODY)));
        extra.put("verificationTemplate", template(VERIFICATION_SUBJECT, VERIFICATION_BODY));
        extra.put("resetPasswordTemplate", template(RESET_SUBJECT, RESET_BODY));
        extra.put("confirmEmailChangeTemplate", template(EMAIL_CHANGE_SUBJECT, EMAIL_CHANGE_BODY));
        return new AuthOptions(AccessRule.PUBLIC, AccessRule.LOCKED, new PasswordAuth(true, List.of("email")),
                new TokenConfig(secret(random), AUTH_TOKEN_DURATION),
                new TokenConfig(secret(random), 1800),
                new TokenConfig(secret(random), 1800),
                new TokenConfig(secret(random), 86400),
                new TokenConfig(secret(random), 180),
                extra);
    }

    /** A token secret as PocketBase generates it: 50 random {@code [A-Za-z0-9]}. */
    static String secret(RandomGenerator random) {
        return random == null ? "" : Ids.random(random, SECRET_ALPHABET, 50);
    }

    private static Map<String, Object> template(String subject, String body) {
        return ordered("subject", subject, "body", body);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
