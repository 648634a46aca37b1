package dev.locket.application.port.in.file;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/files/token}: a short-lived file token for the authenticated record. */
public interface CreateFileToken {

    /** @throws dev.locket.domain.error.Unauthorized without an authenticated record */
    String createFileToken(RequestInfo request);
}
