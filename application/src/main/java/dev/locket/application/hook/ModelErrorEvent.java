package dev.locket.application.hook;

/** Upstream's {@code ModelErrorEvent}: a model write that failed, or whose transaction rolled back. */
public final class ModelErrorEvent extends ModelEvent {
    private final RuntimeException error;

    public ModelErrorEvent(Type type, HookEvent source, RuntimeException error) {
        super(type, source);
        this.error = error;
    }

    public RuntimeException error() {
        return error;
    }
}
