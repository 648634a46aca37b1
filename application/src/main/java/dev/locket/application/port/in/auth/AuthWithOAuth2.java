package dev.locket.application.port.in.auth;

import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.json.JsonObject;
import dev.locket.domain.rule.RequestInfo;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@code POST /api/collections/{collection}/auth-with-oauth2} (auth.md §6.1). */
public interface AuthWithOAuth2 {

    /**
     * {@code createData} holds the values for a record created by this login (as a record create's
     * body); {@code expand} the raw {@code ?expand=} list ({@code ""} for none); {@code mfaId} the
     * pending MFA session when OAuth2 is the second factor ({@code ""} for none); {@code clientIp} feeds
     * the new-device alert ({@code ""} when unknown).
     */
    record Command(String collection, String provider, String code, String codeVerifier, String redirectURL,
                   RecordBody createData, String expand, RequestInfo request, String mfaId,
                   String clientIp) {
        public Command {
            mfaId = mfaId == null ? "" : mfaId;
            clientIp = clientIp == null ? "" : clientIp;
            provider = provider == null ? "" : provider;
            code = code == null ? "" : code;
            codeVerifier = codeVerifier == null ? "" : codeVerifier;
            redirectURL = redirectURL == null ? "" : redirectURL;
            createData = createData == null ? RecordBody.empty() : createData;
            expand = expand == null ? "" : expand;
        }
    }

    /**
     * The provider's user as the response's {@code meta} reports it: the normalised identity, the raw
     * payload the provider answered, the tokens, and whether this login created the record.
     */
    record Meta(String id, String name, String username, String email, String avatarURL, JsonObject rawUser,
                String accessToken, String refreshToken, Optional<Instant> expiry, boolean isNew) {
        public Meta {
            id = id == null ? "" : id;
            name = name == null ? "" : name;
            username = username == null ? "" : username;
            email = email == null ? "" : email;
            avatarURL = avatarURL == null ? "" : avatarURL;
            rawUser = rawUser == null ? JsonObject.empty() : rawUser;
            accessToken = accessToken == null ? "" : accessToken;
            refreshToken = refreshToken == null ? "" : refreshToken;
            expiry = expiry == null ? Optional.empty() : expiry;
        }
    }

    /**
     * The auth response plus the provider's user as fetched; the response's {@code meta} is {@code auth().meta()},
     * built from it and then possibly changed by an {@code onRecordAuthRequest} handler.
     */
    record Result(AuthResult auth, Meta meta) {
        public Result {
            Objects.requireNonNull(auth);
            Objects.requireNonNull(meta);
        }
    }

    Result authWithOAuth2(Command command);
}
