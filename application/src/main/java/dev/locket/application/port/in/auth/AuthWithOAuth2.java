package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/collections/{collection}/auth-with-oauth2} (auth.md §6.1). */
public interface AuthWithOAuth2 {

    /**
     * {@code createData} holds the JSON-shaped values for a record created by this login;
     * {@code expand} the raw {@code ?expand=} list ({@code ""} for none); {@code mfaId} the pending MFA
     * session when OAuth2 is the second factor ({@code ""} for none); {@code clientIp} feeds the
     * new-device alert ({@code ""} when unknown).
     */
    record Command(String collection, String provider, String code, String codeVerifier, String redirectURL,
                   Map<String, Object> createData, String expand, RequestInfo request, String mfaId,
                   String clientIp) {
        public Command {
            mfaId = mfaId == null ? "" : mfaId;
            clientIp = clientIp == null ? "" : clientIp;
            provider = provider == null ? "" : provider;
            code = code == null ? "" : code;
            codeVerifier = codeVerifier == null ? "" : codeVerifier;
            redirectURL = redirectURL == null ? "" : redirectURL;
            createData = Collections.unmodifiableMap(new LinkedHashMap<>(createData == null ? Map.of() : createData));
            expand = expand == null ? "" : expand;
        }
    }

    /** The auth response plus its OAuth2 {@code meta} object (JSON-shaped, keys in response order). */
    record Result(AuthResult auth, Map<String, Object> meta) {
        public Result {
            meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        }
    }

    Result authWithOAuth2(Command command);
}
