package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/request-email-change}: mails a confirmation link to the new address. */
public interface RequestEmailChange {

    record Command(String collection, String newEmail, RequestInfo request) {
    }

    void requestEmailChange(Command command);
}
