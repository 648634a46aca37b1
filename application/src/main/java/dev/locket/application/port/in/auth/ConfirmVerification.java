package dev.locket.application.port.in.auth;

/** {@code POST /api/collections/{collection}/confirm-verification}: marks the token's record verified. */
public interface ConfirmVerification {

    record Command(String collection, String token) {
    }

    void confirmVerification(Command command);
}
