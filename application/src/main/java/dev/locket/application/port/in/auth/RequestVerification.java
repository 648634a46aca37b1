package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/request-verification}: mails a verification link; silent for unknown emails. */
public interface RequestVerification {

    record Command(String collection, String email, RequestInfo request) {
        public Command {
            request = RequestInfo.orGuest(request);
        }

        /** A guest's request (no headers, no auth), for callers that have none. */
        public Command(String collection, String email) {
            this(collection, email, RequestInfo.guest());
        }
    }

    void requestVerification(Command command);
}
