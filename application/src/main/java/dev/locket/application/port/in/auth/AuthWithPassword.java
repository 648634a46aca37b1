package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/auth-with-password}. */
public interface AuthWithPassword {

    /**
     * {@code expand} is the raw {@code ?expand=} list applied to the returned record ({@code ""} for none);
     * {@code mfaId} the pending MFA session of a second factor ({@code ""} for none); {@code clientIp}
     * feeds the new-device alert ({@code ""} when unknown).
     */
    record Command(String collection, String identity, String password, String identityField, String expand,
                   RequestInfo request, String mfaId, String clientIp) {
        public Command {
            expand = expand == null ? "" : expand;
            mfaId = mfaId == null ? "" : mfaId;
            clientIp = clientIp == null ? "" : clientIp;
        }

        public Command(String collection, String identity, String password, String identityField, String expand,
                       RequestInfo request) {
            this(collection, identity, password, identityField, expand, request, "", "");
        }
    }

    AuthResult authWithPassword(Command command);
}
