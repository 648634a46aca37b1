package dev.locket.application.port.in.settings;

import dev.locket.domain.settings.Settings;

/**
 * The settings in force, for the code that follows them (mailer, rate limiter, storage, batch, logs):
 * a cheap read of the cached copy, which every save refreshes.
 */
@FunctionalInterface
public interface CurrentSettings {

    Settings current();
}
