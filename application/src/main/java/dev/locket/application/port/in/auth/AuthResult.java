package dev.locket.application.port.in.auth;

import dev.locket.domain.record.Record;
import java.util.Optional;

/**
 * A successful authentication: the token, the record it was issued for and the response's {@code meta} (any
 * JSON-shaped value; the OAuth2 provider's user, or what an {@code onRecordAuthRequest} handler set).
 */
public record AuthResult(String token, Record record, Optional<Object> meta) {
    public AuthResult {
        meta = meta == null ? Optional.empty() : meta;
    }

    public AuthResult(String token, Record record) {
        this(token, record, Optional.empty());
    }
}
