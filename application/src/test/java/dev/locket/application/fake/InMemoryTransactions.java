package dev.locket.application.fake;

import dev.locket.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link Transactions} for in-memory stores: nested calls join the outer one; a failing outermost
 * transaction restores every store's snapshot and drops the after-commit actions.
 */
public final class InMemoryTransactions implements Transactions {

    /** A store whose state can be saved and put back. */
    public interface Snapshotting {
        Object snapshot();

        void restore(Object snapshot);
    }

    private final List<Snapshotting> stores;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();
    private final List<java.util.function.Consumer<RuntimeException>> afterFailure = new ArrayList<>();
    private int depth;
    private int commits;
    private int rollbacks;

    public InMemoryTransactions(Snapshotting... stores) {
        this.stores = List.of(stores);
    }

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        if (depth > 0) {
            depth++;
            try {
                return work.get();
            } finally {
                depth--;
            }
        }
        List<Object> snapshots = new ArrayList<>();
        for (Snapshotting s : stores) {
            snapshots.add(s.snapshot());
        }
        depth = 1;
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < stores.size(); i++) {
                stores.get(i).restore(snapshots.get(i));
            }
            afterCommit.clear();
            List<Runnable> undo = new ArrayList<>(afterRollback);
            afterRollback.clear();
            undo.forEach(Runnable::run);
            List<java.util.function.Consumer<RuntimeException>> failed = new ArrayList<>(afterFailure);
            afterFailure.clear();
            RuntimeException error = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            failed.forEach(a -> a.accept(error));
            rollbacks++;
            throw e;
        } finally {
            depth = 0;
        }
        commits++;
        afterRollback.clear();
        afterFailure.clear();
        List<Runnable> actions = new ArrayList<>(afterCommit);
        afterCommit.clear();
        actions.forEach(Runnable::run);
        return result;
    }

    @Override
    public synchronized void afterCommit(Runnable action) {
        if (depth == 0) {
            action.run();
        } else {
            afterCommit.add(action);
        }
    }

    @Override
    public synchronized void afterRollback(Runnable action) {
        if (depth > 0) {
            afterRollback.add(action);
        }
    }

    @Override
    public synchronized void afterFailure(java.util.function.Consumer<RuntimeException> action) {
        if (depth > 0) {
            afterFailure.add(action);
        }
    }

    public synchronized int commits() {
        return commits;
    }

    public synchronized int rollbacks() {
        return rollbacks;
    }
}
