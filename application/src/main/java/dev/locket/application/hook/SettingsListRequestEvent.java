package dev.locket.application.hook;

import dev.locket.domain.settings.Settings;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/** Request hook of {@code GET /api/settings}: replacing the settings changes what is shown (secrets stay masked). */
public final class SettingsListRequestEvent extends RequestHookEvent {
    private Settings settings;

    public SettingsListRequestEvent(Settings settings, RequestInfo request) {
        super(request);
        this.settings = Objects.requireNonNull(settings);
    }

    public Settings settings() {
        return settings;
    }

    public void settings(Settings replacement) {
        this.settings = Objects.requireNonNull(replacement);
    }
}
