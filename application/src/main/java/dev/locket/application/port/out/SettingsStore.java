package dev.locket.application.port.out;

import java.util.Map;

/** The application settings (the {@code settings} row of {@code _params}) as a JSON-shaped map. */
public interface SettingsStore {

    Map<String, Object> load();

    void save(Map<String, Object> settings);
}
