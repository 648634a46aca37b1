package dev.locket.application.port.in.auth;

/** {@code POST /api/collections/{collection}/confirm-email-change}: switches to the token's new email. */
public interface ConfirmEmailChange {

    record Command(String collection, String token, String password) {
    }

    void confirmEmailChange(Command command);
}
