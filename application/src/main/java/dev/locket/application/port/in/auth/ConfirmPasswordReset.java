package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/confirm-password-reset}: sets a new password (revoking old tokens). */
public interface ConfirmPasswordReset {

    record Command(String collection, String token, String password, String passwordConfirm, RequestInfo request) {
        public Command {
            request = RequestInfo.orGuest(request);
        }

        /** A guest's request (no headers, no auth), for callers that have none. */
        public Command(String collection, String token, String password, String passwordConfirm) {
            this(collection, token, password, passwordConfirm, RequestInfo.guest());
        }
    }

    void confirmPasswordReset(Command command);
}
