package dev.locket.application.port.in.settings;

import dev.locket.domain.rule.RequestInfo;
import java.util.Map;

/** {@code GET /api/settings}: the current settings without their secrets (superusers only). */
public interface ReadSettings {

    /** The full settings map in PocketBase's key order, {@code smtp.password} and the S3 secrets left out. */
    Map<String, Object> read(RequestInfo request);
}
