package dev.locket.application.hook;

/** Upstream's {@code ModelErrorEvent}: a model write that failed, or whose transaction rolled back. */
public final class ModelErrorEvent extends ModelEvent {
    private final RuntimeException error;

    public ModelErrorEvent(Type type, HookEvent source, RuntimeException error) {
        super(type, source);
        this.error = error;
    }

    /** The failure of a plain model's write (the settings, a log entry), {@code write} its stages' event. */
    ModelErrorEvent(Type type, ModelEvent write, RuntimeException error) {
        super(type, write);
        this.error = error;
    }

    public RuntimeException error() {
        return error;
    }
}
