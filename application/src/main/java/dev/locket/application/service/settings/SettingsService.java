package dev.locket.application.service.settings;

import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.Model;
import dev.locket.application.hook.ModelEvent;
import dev.locket.application.hook.ModelStages;
import dev.locket.application.hook.SettingsHooks;
import dev.locket.application.hook.SettingsListRequestEvent;
import dev.locket.application.hook.SettingsReloadEvent;
import dev.locket.application.hook.SettingsUpdateRequestEvent;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.in.settings.ReadSettings;
import dev.locket.application.port.in.settings.UpdateSettings;
import dev.locket.application.port.out.SettingsFormat;
import dev.locket.application.port.out.SettingsStore;
import dev.locket.application.service.support.AdminAccess;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The settings API (admin-and-ops §2) and the one in-memory copy of the settings everything else
 * reads: {@link #current()} is a cheap read of an immutable tree, and listeners registered with
 * {@link #onChange} hear about every saved change, as upstream reloads its settings after each save. A save
 * goes through the model hooks as upstream's {@code app.Save(settings)}: {@code onModelUpdate("_params")} wraps
 * {@code onModelValidate} (the built-in check) and {@code onModelUpdateExecute} (the write), then
 * {@code onModelAfterUpdateSuccess} or {@code onModelAfterUpdateError}.
 */
public final class SettingsService implements ReadSettings, UpdateSettings, CurrentSettings {
    private static final System.Logger LOG = System.getLogger(SettingsService.class.getName());

    private final SettingsStore store;
    private final SettingsFormat format;
    // A lock rather than synchronized: callers run on virtual threads.
    private final ReentrantLock saveLock = new ReentrantLock();
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();
    private final SettingsHooks hooks;
    private final ModelStages stages;
    private volatile Settings current;

    /** Without hooks (none bound). */
    public SettingsService(SettingsStore store, SettingsFormat format) {
        this(store, format, new Hooks());
    }

    /**
     * Loads the stored settings; a data directory without any gets upstream's defaults stored, as upstream does.
     * The load fires {@code onSettingsReload}, as every later save does.
     */
    public SettingsService(SettingsStore store, SettingsFormat format, Hooks hooks) {
        this.store = Objects.requireNonNull(store);
        this.format = Objects.requireNonNull(format);
        this.hooks = hooks.settings();
        this.stages = new ModelStages(hooks);
        Optional<String> stored = store.load();
        Settings loaded;
        if (stored.isPresent()) {
            loaded = format.read(stored.get());
        } else {
            loaded = Settings.defaults();
            store.save(format.write(loaded));
        }
        reload(loaded);
        if (current == null) {
            // a reload handler that stopped the chain: as upstream, the app keeps its default settings
            current = Settings.defaults();
        }
    }

    /** Puts {@code next} in force through {@code onSettingsReload}; a handler that throws keeps the old ones. */
    private void reload(Settings next) {
        hooks.onSettingsReload().trigger(new SettingsReloadEvent(current, next), e -> current = e.settings());
    }

    /** The settings in force, secrets included; never blocks on the database. */
    @Override
    public Settings current() {
        return current;
    }

    /** Calls {@code listener} with the new settings after every successful save. */
    public void onChange(Consumer<Settings> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public Settings read(RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        SettingsListRequestEvent event = new SettingsListRequestEvent(current, request);
        hooks.onSettingsListRequest().trigger(event);
        event.throwIfAnswered();
        return event.settings();
    }

    /**
     * Fires {@code onSettingsUpdateRequest} with the change applied to the settings in force; its default saves
     * them. Unless a handler replaced the new settings, the change is applied again under the save lock, so a
     * concurrent save in between is not overwritten.
     */
    @Override
    public Settings update(Change change, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        Settings old = current;
        Settings submitted = Objects.requireNonNull(change.applyTo(old));
        SettingsUpdateRequestEvent event = new SettingsUpdateRequestEvent(old, submitted, request);
        hooks.onSettingsUpdateRequest().trigger(event, e -> {
            Settings chosen = e.newSettings();
            try {
                e.newSettings(chosen == submitted ? save(change) : save(ignored -> chosen));
            } catch (ValidationFailed invalid) {
                throw invalid.withMessage(SAVE_FAILED);
            } catch (RuntimeException refused) {
                // upstream answers any failed save (a model hook's error included) with this 400
                throw new BadRequest(SAVE_FAILED, refused);
            }
        });
        event.throwIfAnswered();
        return event.newSettings();
    }

    /**
     * Applies, validates and stores {@code change} without an access check (CLI, embedding code) and
     * answers the new settings. Invalid settings throw {@link ValidationFailed}; nothing changes then.
     */
    public Settings save(Change change) {
        ModelEvent write;
        Settings[] written = {null};
        saveLock.lock();
        try {
            write = new ModelEvent(ModelEvent.Type.UPDATE, new Model.OfSettings(
                    Objects.requireNonNull(change.applyTo(current))));
            try {
                stages.save(write, m -> validate(settingsOf(m)), m -> {
                    store.save(format.write(settingsOf(m)));
                    written[0] = settingsOf(m);
                });
            } catch (RuntimeException e) {
                stages.failed(write, e);
                throw e;
            }
            if (written[0] != null) {
                reload(written[0]);
            }
        } finally {
            saveLock.unlock();
        }
        // a handler that did not call next() saved nothing, as upstream: the settings in force stay
        Settings saved = written[0] == null ? current : written[0];
        for (Consumer<Settings> listener : written[0] == null ? List.<Consumer<Settings>>of() : listeners) {
            try {
                listener.accept(saved);
            } catch (RuntimeException e) {
                // The save succeeded; a listener that fails (say a log purge) must not turn it into an error.
                LOG.log(System.Logger.Level.WARNING, "settings listener failed", e);
            }
        }
        stages.succeeded(write);
        return saved;
    }

    private static void validate(Settings next) {
        Map<String, ErrorNode> errors = next.validate();
        if (!errors.isEmpty()) {
            throw new ValidationFailed(SAVE_FAILED, errors);
        }
    }

    private static Settings settingsOf(Model model) {
        return ((Model.OfSettings) model).settings();
    }
}
