package dev.locket.application.service.support;

import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.rule.RequestInfo;

/**
 * The check in front of every admin API (collections, settings, logs, crons, backups, SQL): superusers
 * and the in-process system caller only.
 */
public final class AdminAccess {
    private AdminAccess() {
    }

    /** No auth: 401; an auth record that is not a superuser: 403 — as upstream's RequireSuperuserAuth. */
    public static void requireSuperuser(RequestInfo request) {
        if (request != null && request.isSuperuser()) {
            return;
        }
        if (request == null || request.auth().isEmpty()) {
            throw new Unauthorized();
        }
        throw new Forbidden(Forbidden.NOT_ALLOWED);
    }
}
