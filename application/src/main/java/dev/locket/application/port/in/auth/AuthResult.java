package dev.locket.application.port.in.auth;

import dev.locket.domain.record.Record;

/** A successful authentication: the token and the record it was issued for. */
public record AuthResult(String token, Record record) {
}
