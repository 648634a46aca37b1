package dev.locket.application.service;

import dev.locket.application.port.in.settings.ReadSettings;
import dev.locket.application.port.in.settings.UpdateSettings;
import dev.locket.application.port.out.SettingsStore;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The settings API (admin-and-ops §2) and the one in-memory copy of the settings everything else
 * reads: {@link #current()} is a cheap read of an immutable tree (secrets included), and listeners
 * registered with {@link #onChange} hear about every saved change, as upstream reloads its settings
 * after each save.
 */
public final class SettingsService implements ReadSettings, UpdateSettings {
    private static final System.Logger LOG = System.getLogger(SettingsService.class.getName());

    private final SettingsStore store;
    // A lock rather than synchronized: callers run on virtual threads.
    private final ReentrantLock saveLock = new ReentrantLock();
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> current;

    public SettingsService(SettingsStore store) {
        this.store = Objects.requireNonNull(store);
        this.current = SettingsShape.frozen(SettingsShape.normalize(store.load()));
    }

    /**
     * The current settings, secrets included, in the key order of {@code GET /api/settings}: an
     * unmodifiable tree (numbers are {@code Long}); never blocks on the database.
     */
    public Map<String, Object> current() {
        return current;
    }

    /** Calls {@code listener} with the new settings (as {@link #current()}) after every successful save. */
    public void onChange(Consumer<Map<String, Object>> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * The service as a {@link SettingsStore} for code written against the store: loads answer a
     * mutable copy of the cached settings (no database read), saves go through {@link #save}.
     */
    public SettingsStore asStore() {
        return new SettingsStore() {
            @Override
            public Map<String, Object> load() {
                return SettingsShape.deepCopy(current);
            }

            @Override
            public void save(Map<String, Object> settings) {
                SettingsService.this.save(settings);
            }
        };
    }

    @Override
    public Map<String, Object> read(RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        return SettingsShape.withoutSecrets(current);
    }

    @Override
    public Map<String, Object> update(Map<String, Object> patch, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        return SettingsShape.withoutSecrets(save(patch == null ? Map.of() : patch));
    }

    /**
     * Merges, validates and stores {@code patch} without an access check (CLI, embedding code);
     * answers the new settings with secrets. Invalid values throw {@link ValidationFailed}; values of
     * the wrong JSON type throw {@code BadRequest}.
     */
    public Map<String, Object> save(Map<String, Object> patch) {
        Map<String, Object> saved;
        saveLock.lock();
        try {
            Map<String, Object> merged = SettingsShape.merge(current, patch);
            Map<String, ErrorNode> errors = SettingsValidation.validate(merged);
            if (!errors.isEmpty()) {
                throw new ValidationFailed(SAVE_FAILED, errors);
            }
            store.save(merged);
            saved = SettingsShape.frozen(merged);
            current = saved;
        } finally {
            saveLock.unlock();
        }
        for (Consumer<Map<String, Object>> listener : listeners) {
            try {
                listener.accept(saved);
            } catch (RuntimeException e) {
                // The save succeeded; a listener that fails (say a log purge) must not turn it into an error.
                LOG.log(System.Logger.Level.WARNING, "settings listener failed", e);
            }
        }
        return saved;
    }
}
