package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/request-password-reset}: mails a reset link; silent for unknown emails. */
public interface RequestPasswordReset {

    record Command(String collection, String email, RequestInfo request) {
        public Command {
            request = RequestInfo.orGuest(request);
        }

        /** A guest's request (no headers, no auth), for callers that have none. */
        public Command(String collection, String email) {
            this(collection, email, RequestInfo.guest());
        }
    }

    void requestPasswordReset(Command command);
}
