package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/confirm-verification}: marks the token's record verified. */
public interface ConfirmVerification {

    record Command(String collection, String token, RequestInfo request) {
        public Command {
            request = RequestInfo.orGuest(request);
        }

        /** A guest's request (no headers, no auth), for callers that have none. */
        public Command(String collection, String token) {
            this(collection, token, RequestInfo.guest());
        }
    }

    void confirmVerification(Command command);
}
