package dev.locket.application.port.out;

import java.util.function.Consumer;
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

    /**
     * Runs {@code action} with the failure if the current transaction does not commit (its work or its commit
     * failed); nothing happens when none is open. Unlike {@link #afterRollback} it says nothing about work left
     * outside the database. Upstream fires a write's after-error hooks so when the write succeeded but the
     * transaction around it did not.
     */
    default void afterFailure(Consumer<RuntimeException> action) {
    }
}
