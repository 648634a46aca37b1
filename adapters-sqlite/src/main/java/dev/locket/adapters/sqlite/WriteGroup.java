package dev.locket.adapters.sqlite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The callers whose work one open write transaction holds (group commit on the single writer). Used only
 * by {@link SqliteDatabase}'s writer thread, except {@link Member#awaitCommit}, which each caller runs.
 */
final class WriteGroup {
    /**
     * Largest group one COMMIT closes, and the longest a group stays open once its first caller's work is done,
     * so that caller is not kept waiting long for the others.
     */
    private static final int MAX_MEMBERS = 64;
    private static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long startedNanos = System.nanoTime();
    private long firstDoneNanos;
    private final List<Member> members = new ArrayList<>();

    /** The state of the transaction open on one thread. */
    static final class Tx {
        final List<Runnable> onCommit = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterRollback = new ArrayList<>();
        final Map<Object, Object> locals = new HashMap<>();

        /** Adapter-internal state (e.g. a pending collection snapshot) that lives as long as this transaction. */
        Map<Object, Object> locals() {
            return locals;
        }

        /** Runs right after COMMIT on the writer thread: publishes committed in-memory state. */
        void onCommit(Runnable action) {
            onCommit.add(action);
        }
    }

    /** One caller: its transaction state and the outcome of the COMMIT it waits for. */
    static final class Member {
        private final Tx tx;
        private final java.util.function.Supplier<?> work;
        private Object result;
        private final CountDownLatch decided = new CountDownLatch(1);
        private volatile Throwable failure;
        private volatile boolean rolledBack;

        Member(Tx tx, java.util.function.Supplier<?> work) {
            this.tx = tx;
            this.work = work;
        }

        java.util.function.Supplier<?> work() {
            return work;
        }

        /** What the work returned; read by the caller after the latch, which orders it after the write. */
        Object result() {
            return result;
        }

        void result(Object value) {
            this.result = value;
        }

        Tx tx() {
            return tx;
        }

        Throwable failure() {
            return failure;
        }

        /** Whether the failure undid this caller's writes (else they are committed, only publishing failed). */
        boolean rolledBack() {
            return rolledBack;
        }

        void decide(Throwable why, boolean undone) {
            this.failure = why;
            this.rolledBack = undone;
            decided.countDown();
        }

        /** Waits for the COMMIT (or the rollback) that decides this caller's writes. */
        void awaitCommit() {
            boolean interrupted = false;
            while (true) {
                try {
                    decided.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the group's COMMIT decides the outcome; the caller must learn it
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A caller whose work succeeded inside the group (its savepoint released). */
    void add(Member m) {
        if (members.isEmpty()) {
            firstDoneNanos = System.nanoTime();
        }
        members.add(m);
    }

    int size() {
        return members.size();
    }

    long startedNanos() {
        return startedNanos;
    }

    /** True once the group should be committed even though callers still queue. */
    boolean full() {
        return members.size() >= MAX_MEMBERS
                || !members.isEmpty() && System.nanoTime() - firstDoneNanos > MAX_NANOS;
    }

    /** The transaction was rolled back: every caller's writes are gone. */
    void failAll(Throwable why) {
        members.forEach(m -> m.decide(why, true));
    }

    /** After COMMIT: publishes each caller's in-memory state in order, then lets them return. */
    void committed() {
        for (Member m : members) {
            Throwable publishFailure = null;
            try {
                m.tx.onCommit.forEach(Runnable::run);
            } catch (RuntimeException | Error e) {
                publishFailure = e;
            }
            m.decide(publishFailure, false);
        }
    }
}
