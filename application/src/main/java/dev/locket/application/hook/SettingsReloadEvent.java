package dev.locket.application.hook;

import dev.locket.domain.settings.Settings;
import java.util.Objects;
import java.util.Optional;

/**
 * Fired whenever the settings in force are replaced: when they are loaded at start and after every save.
 * {@code next()} puts {@link #settings()} in force (the app's settings read before it are the previous ones,
 * after it the new ones); a handler that throws keeps the previous ones in force.
 */
public final class SettingsReloadEvent extends HookEvent {
    private final Settings previous;
    private final Settings settings;

    public SettingsReloadEvent(Settings previous, Settings settings) {
        this.previous = previous;
        this.settings = Objects.requireNonNull(settings);
    }

    /** The settings in force before; empty on the first load. */
    public Optional<Settings> previous() {
        return Optional.ofNullable(previous);
    }

    /** The settings being put in force. */
    public Settings settings() {
        return settings;
    }
}
