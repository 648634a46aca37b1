package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/**
 * {@code POST /api/settings/apple/generate-client-secret} (admin-and-ops §2, superusers only): the
 * ES256 JWT Apple expects as the OAuth2 client secret.
 */
public interface GenerateAppleClientSecret {

    /** {@code duration} in seconds (0 when missing); {@code privateKey} the PEM of the EC P-256 key. */
    record Command(String clientId, String teamId, String keyId, String privateKey, long duration,
                   RequestInfo request) {
        public Command {
            clientId = clientId == null ? "" : clientId;
            teamId = teamId == null ? "" : teamId;
            keyId = keyId == null ? "" : keyId;
            privateKey = privateKey == null ? "" : privateKey;
        }
    }

    /** The signed client secret. */
    String generate(Command command);
}
