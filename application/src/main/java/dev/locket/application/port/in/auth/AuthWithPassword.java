package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/auth-with-password}. */
public interface AuthWithPassword {

    /** {@code expand} is the raw {@code ?expand=} list applied to the returned record ({@code ""} for none). */
    record Command(String collection, String identity, String password, String identityField, String expand,
                   RequestInfo request) {
        public Command {
            expand = expand == null ? "" : expand;
        }
    }

    AuthResult authWithPassword(Command command);
}
