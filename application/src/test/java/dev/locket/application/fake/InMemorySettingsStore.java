package dev.locket.application.fake;

import dev.locket.application.port.out.SettingsStore;
import java.util.Optional;

/** {@link SettingsStore} keeping the stored document in memory. */
public final class InMemorySettingsStore implements SettingsStore {
    private String document;

    public InMemorySettingsStore() {
    }

    public InMemorySettingsStore(String document) {
        this.document = document;
    }

    @Override
    public synchronized Optional<String> load() {
        return Optional.ofNullable(document);
    }

    @Override
    public synchronized void save(String newDocument) {
        document = java.util.Objects.requireNonNull(newDocument);
    }
}
