package dev.locket.application.port.out;

import java.util.function.Supplier;

/**
 * Transaction boundaries. Services open them; stores join them. Nested calls join the outer
 * transaction. Only one write transaction runs at a time.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code action} once the current transaction committed (immediately when none is open). */
    void afterCommit(Runnable action);

    /**
     * Runs {@code action} if the current transaction rolls back; nothing happens when none is open
     * (the caller sees the failure itself). Used to remove files stored for a write that was undone.
     */
    default void afterRollback(Runnable action) {
    }
}
