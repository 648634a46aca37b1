package dev.locket.application.port.out;

import java.util.Optional;

/**
 * Keeps the stored settings document (the {@code settings} row of {@code _params}) as text; an
 * adapter given an encryption key keeps it encrypted at rest as upstream does.
 */
public interface SettingsStore {

    /** The stored document, decrypted; empty when none is stored yet. */
    Optional<String> load();

    void save(String document);
}
