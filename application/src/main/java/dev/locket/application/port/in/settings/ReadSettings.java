package dev.locket.application.port.in.settings;

import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;

/** {@code GET /api/settings}: the current settings (superusers only); their secrets never reach a client. */
public interface ReadSettings {

    Settings read(RequestInfo request);
}
