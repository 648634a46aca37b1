package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/request-otp}: answers an {@code otpId} whether or not the email exists. */
public interface RequestOtp {

    record Command(String collection, String email, RequestInfo request) {
        public Command {
            request = RequestInfo.orGuest(request);
        }

        /** A guest's request (no headers, no auth), for callers that have none. */
        public Command(String collection, String email) {
            this(collection, email, RequestInfo.guest());
        }
    }

    /** The {@code otpId} to send back. */
    String requestOtp(Command command);
}
