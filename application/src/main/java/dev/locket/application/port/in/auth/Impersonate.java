package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/impersonate/{id}}: a superuser gets a non-refreshable token for any record. */
public interface Impersonate {

    /** {@code duration} in seconds; 0 = the collection's auth token duration. */
    record Command(String collection, String recordId, long duration, String expand, RequestInfo request) {
        public Command {
            expand = expand == null ? "" : expand;
        }
    }

    AuthResult impersonate(Command command);
}
