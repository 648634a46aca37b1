package dev.locket.application.hook;

import java.util.function.Consumer;

/**
 * Runs a write through upstream's nested model stages (core/db.go): {@code onModelCreate} wraps validation
 * ({@code onModelValidate}, skipped when there is none to run, as {@code SaveNoValidate}) and then
 * {@code onModelCreateExecute}, whose end is the write itself; update and delete alike (a delete has no
 * validation). The record and collection hooks run inside through their proxies ({@link ModelHooks}); the
 * settings and log entries, which have no typed hooks, go through the model stages alone. The after-success and
 * after-error stages are fired by the writer, which knows when its transaction ended.
 */
public final class ModelStages {
    private final Hooks hooks;

    public ModelStages(Hooks hooks) {
        this.hooks = hooks;
    }

    public void create(RecordCreateEvent event, Runnable validation, Runnable write) {
        run(ModelEvent.Type.CREATE, event, validation, write);
    }

    public void update(RecordUpdateEvent event, Runnable validation, Runnable write) {
        run(ModelEvent.Type.UPDATE, event, validation, write);
    }

    public void delete(RecordDeleteEvent event, Runnable write) {
        run(ModelEvent.Type.DELETE, event, null, write);
    }

    /** A collection create, update or delete ({@link CollectionEvent#action()}); deletes are not validated. */
    public void save(CollectionEvent event, Runnable validation, Runnable write) {
        ModelEvent.Type type = type(event.action());
        run(type, event, type == ModelEvent.Type.DELETE ? null : validation, write);
    }

    /**
     * A create or update of a model without typed hooks (the settings, a log entry), as upstream's {@code app.Save}
     * runs it: {@code validation} (may be null) and {@code write} get the model as the handlers left it; neither
     * runs when a handler does not call {@code next()}. {@code event} ({@code new ModelEvent(type, model)}) then
     * serves the write's after-success or after-error stage.
     */
    public void save(ModelEvent event, Consumer<Model> validation, Consumer<Model> write) {
        run(event, validation == null ? null : () -> validation.accept(event.model()),
                () -> write.accept(event.model()));
    }

    /** The after-success stage of a committed write of {@link #save(ModelEvent, Consumer, Consumer)}. */
    public void succeeded(ModelEvent write) {
        success(write.type()).trigger(new ModelEvent(write.type(), write));
    }

    /** The after-error stage of a failed write of {@link #save(ModelEvent, Consumer, Consumer)}. */
    public void failed(ModelEvent write, RuntimeException error) {
        error(write.type()).trigger(new ModelErrorEvent(write.type(), write, error));
    }

    /** The after-success stage of a committed record write. */
    public void succeeded(RecordAfterSuccessEvent event) {
        success(type(event.action())).trigger(new ModelEvent(type(event.action()), event));
    }

    /** The after-error stage of a failed record write, or of one whose transaction rolled back. */
    public void failed(RecordAfterErrorEvent event) {
        error(type(event.action())).trigger(new ModelErrorEvent(type(event.action()), event, event.error()));
    }

    /** The after-success stage of a committed collection write, then Locket's all-actions hook. */
    public void succeeded(CollectionEvent event) {
        success(type(event.action())).trigger(new ModelEvent(type(event.action()), event));
        hooks.model().onCollectionAfterSuccess().trigger(event);
    }

    public void failed(CollectionErrorEvent event) {
        error(type(event.action())).trigger(new ModelErrorEvent(type(event.action()), event, event.error()));
    }

    private void run(ModelEvent.Type type, HookEvent source, Runnable validation, Runnable write) {
        run(new ModelEvent(type, source), validation, write);
    }

    private void run(ModelEvent event, Runnable validation, Runnable write) {
        ModelHooks.Lifecycle stages = hooks.model().lifecycle(event.type());
        stages.write().trigger(event, e -> {
            if (validation != null) {
                validate(event, validation);
            }
            stages.execute().trigger(event, x -> write.run());
        });
    }

    /**
     * The validate stage. The built-in check of a record or a collection is the system handler of
     * {@code onRecordValidate} / {@code onCollectionValidate} at {@link ModelHooks#VALIDATION_PRIORITY}, as upstream's,
     * so the handlers before it see the unchecked record or collection and may fix it; a model without typed hooks
     * is checked once the whole chain passed.
     */
    private void validate(ModelEvent write, Runnable validation) {
        ModelEvent event = new ModelEvent(ModelEvent.Type.VALIDATE, write);
        // a model without typed hooks (settings, log entries) has no source event
        if (write.source() instanceof ModelSourceEvent source) {
            source.validation(validation);
            try {
                hooks.model().onModelValidate().trigger(event);
            } finally {
                source.validation(null);
            }
        } else {
            hooks.model().onModelValidate().trigger(event, v -> validation.run());
        }
    }

    private Hook<ModelEvent> success(ModelEvent.Type type) {
        return hooks.model().lifecycle(type).afterSuccess();
    }

    private Hook<ModelErrorEvent> error(ModelEvent.Type type) {
        return hooks.model().lifecycle(type).afterError();
    }

    private static ModelEvent.Type type(RecordAction action) {
        return switch (action) {
            case CREATE -> ModelEvent.Type.CREATE;
            case UPDATE -> ModelEvent.Type.UPDATE;
            case DELETE -> ModelEvent.Type.DELETE;
        };
    }
}
