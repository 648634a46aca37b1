package dev.locket.application.fake;

import dev.locket.application.port.out.SettingsStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link SettingsStore} holding the settings map in memory (a copy on every load and save). */
public final class InMemorySettingsStore implements SettingsStore {
    private Map<String, Object> settings;

    public InMemorySettingsStore(Map<String, Object> initial) {
        this.settings = new LinkedHashMap<>(initial);
    }

    /** Settings whose {@code batch} section holds the given values (upstream's keys). */
    public static InMemorySettingsStore withBatch(boolean enabled, Number maxRequests, Number timeout,
                                                  Number maxBodySize) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("enabled", enabled);
        batch.put("maxRequests", maxRequests);
        batch.put("timeout", timeout);
        batch.put("maxBodySize", maxBodySize);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("batch", batch);
        return new InMemorySettingsStore(all);
    }

    @Override
    public synchronized Map<String, Object> load() {
        return new LinkedHashMap<>(settings);
    }

    @Override
    public synchronized void save(Map<String, Object> newSettings) {
        settings = new LinkedHashMap<>(newSettings);
    }
}
