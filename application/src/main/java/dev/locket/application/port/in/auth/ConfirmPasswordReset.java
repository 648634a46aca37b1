package dev.locket.application.port.in.auth;

/** {@code POST /api/collections/{collection}/confirm-password-reset}: sets a new password (revoking old tokens). */
public interface ConfirmPasswordReset {

    record Command(String collection, String token, String password, String passwordConfirm) {
    }

    void confirmPasswordReset(Command command);
}
