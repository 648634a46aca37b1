package dev.locket.application.port.in.auth;

import dev.locket.domain.record.Record;
import java.util.Optional;

/**
 * Resolves the {@code Authorization} header's token to its auth record. Invalid, expired or
 * revoked tokens give empty: the request then proceeds as a guest's, as PocketBase does.
 */
public interface Authenticate {

    Optional<Record> authenticate(String token);
}
