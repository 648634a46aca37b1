package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/settings/test/email}: sends one auth template to an address (superusers only). */
public interface SendTestEmail {

    /** {@code template}: verification, password-reset, email-change, otp or login-alert; {@code collection} defaults to {@code _superusers}. */
    record Command(String email, String template, String collection, RequestInfo request) {
    }

    void sendTestEmail(Command command);
}
