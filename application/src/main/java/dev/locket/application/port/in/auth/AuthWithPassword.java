package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/auth-with-password}. */
public interface AuthWithPassword {

    record Command(String collection, String identity, String password, String identityField,
                   RequestInfo request) {
    }

    AuthResult authWithPassword(Command command);
}
