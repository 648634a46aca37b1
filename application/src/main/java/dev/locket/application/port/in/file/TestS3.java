package dev.locket.application.port.in.file;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/settings/test/s3} (admin-and-ops §2): {@code filesystem} is {@code storage} or {@code backups}. */
public interface TestS3 {

    /**
     * @throws dev.locket.domain.error.ValidationFailed or BadRequest with PocketBase's messages
     * @throws dev.locket.domain.error.Forbidden for non-superusers
     */
    void testS3(String filesystem, RequestInfo request);
}
