package dev.locket.application.fake;

import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.domain.settings.BatchConfig;
import dev.locket.domain.settings.Settings;
import java.util.function.UnaryOperator;

/** {@link CurrentSettings} a test can change, standing in for the settings service's cached copy. */
public final class MutableSettings implements CurrentSettings {
    private volatile Settings settings;

    public MutableSettings() {
        this(Settings.defaults());
    }

    public MutableSettings(Settings settings) {
        this.settings = settings;
    }

    /** Upstream's defaults with the given {@code batch} section. */
    public static MutableSettings withBatch(boolean enabled, long maxRequests, long timeout, long maxBodySize) {
        return new MutableSettings(Settings.defaults().withBatch(
                new BatchConfig(enabled, maxRequests, timeout, maxBodySize)));
    }

    @Override
    public Settings current() {
        return settings;
    }

    public void update(UnaryOperator<Settings> change) {
        settings = change.apply(settings);
    }
}
