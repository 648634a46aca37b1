package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/auth-refresh}: needs an auth token of the same collection. */
public interface AuthRefresh {

    /** {@code expand} is the raw {@code ?expand=} list applied to the returned record ({@code ""} for none). */
    record Command(String collection, String presentedToken, String expand, RequestInfo request) {
        public Command {
            expand = expand == null ? "" : expand;
        }
    }

    AuthResult authRefresh(Command command);
}
