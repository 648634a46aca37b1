package dev.locket.application.port.out;

import dev.locket.domain.settings.Settings;

/**
 * PocketBase's stored form of the settings: its settings JSON, secrets included. The JSON codec
 * that implements it also serves the settings API, so the stored and the wire form cannot drift.
 */
public interface SettingsFormat {

    String write(Settings settings);

    /**
     * Reads a stored document: keys it lacks keep their defaults, and values of an unexpected type
     * (an older or hand-edited row) are ignored rather than failing start-up.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    Settings read(String document);
}
