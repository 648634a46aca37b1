package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/confirm-email-change}: switches to the token's new email. */
public interface ConfirmEmailChange {

    record Command(String collection, String token, String password, RequestInfo request) {
        public Command {
            request = RequestInfo.orGuest(request);
        }

        /** A guest's request (no headers, no auth), for callers that have none. */
        public Command(String collection, String token, String password) {
            this(collection, token, password, RequestInfo.guest());
        }
    }

    void confirmEmailChange(Command command);
}
