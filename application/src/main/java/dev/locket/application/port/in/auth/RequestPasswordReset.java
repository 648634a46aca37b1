package dev.locket.application.port.in.auth;

/** {@code POST /api/collections/{collection}/request-password-reset}: mails a reset link; silent for unknown emails. */
public interface RequestPasswordReset {

    record Command(String collection, String email) {
    }

    void requestPasswordReset(Command command);
}
