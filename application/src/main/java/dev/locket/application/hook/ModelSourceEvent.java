package dev.locket.application.hook;

/**
 * What the two typed events a {@link ModelEvent} can stand for ({@link RecordEvent}, {@link CollectionEvent})
 * share: the built-in check of the validate stage in progress, which upstream runs as the system handler of
 * {@code OnRecordValidate} / {@code OnCollectionValidate} at {@link ModelHooks#VALIDATION_PRIORITY}.
 */
abstract sealed class ModelSourceEvent extends HookEvent permits RecordEvent, CollectionEvent {
    /** The built-in check of the validate stage in progress ({@link ModelStages}), run by its system handler. */
    private Runnable validation;

    /** Set by {@link ModelStages} for the duration of a validate stage; {@code null} clears it. */
    final void validation(Runnable check) {
        this.validation = check;
    }

    /**
     * The system handler of the validate hook: checks the record or collection as the handlers before it left it,
     * then runs the rest of the chain.
     */
    final void validateThenNext() {
        Runnable check = validation;
        if (check != null) {
            check.run();
        }
        next();
    }
}
