package dev.locket.application.hook;

import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;
import java.util.Objects;

/**
 * Request hook of {@code PATCH /api/settings}: the settings in force and the submitted ones (the change
 * applied to them, not yet validated). Replacing {@link #newSettings()} before {@code next()} changes what is
 * validated and saved; after {@code next()} it is the saved settings, which the response shows.
 */
public final class SettingsUpdateRequestEvent extends RequestHookEvent {
    private final Settings oldSettings;
    private Settings newSettings;

    public SettingsUpdateRequestEvent(Settings oldSettings, Settings newSettings, RequestInfo request) {
        super(request);
        this.oldSettings = Objects.requireNonNull(oldSettings);
        this.newSettings = Objects.requireNonNull(newSettings);
    }

    public Settings oldSettings() {
        return oldSettings;
    }

    public Settings newSettings() {
        return newSettings;
    }

    public void newSettings(Settings replacement) {
        this.newSettings = Objects.requireNonNull(replacement);
    }
}
