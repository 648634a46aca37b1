package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/auth-refresh}: needs an auth token of the same collection. */
public interface AuthRefresh {

    record Command(String collection, String presentedToken, RequestInfo request) {
    }

    AuthResult authRefresh(Command command);
}
