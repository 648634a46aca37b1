package dev.locket.application.port.in.settings;

import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;

/** {@code PATCH /api/settings}: changes, validates and stores the settings (superusers only). */
public interface UpdateSettings {
    String SAVE_FAILED = "An error occurred while saving the new settings.";

    /**
     * A change to the settings, applied to the settings current when the save happens (so two
     * concurrent changes never overwrite each other); a change that cannot be applied throws
     * {@code BadRequest}.
     */
    @FunctionalInterface
    interface Change {
        Settings applyTo(Settings current);
    }

    /**
     * Applies {@code change}, validates and stores the result and answers it. Invalid settings throw
     * {@code ValidationFailed} with {@link #SAVE_FAILED} and upstream's nested errors; nothing changes.
     */
    Settings update(Change change, RequestInfo request);
}
