package dev.locket.adapters.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The callers whose work one open write transaction holds (group commit on the single writer). Used only
 * under {@link SqliteDatabase}'s write lock, except {@link Member#awaitCommit}, which each caller runs after
 * releasing it.
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

    /** One caller: its transaction state and the outcome of the COMMIT it waits for. */
    static final class Member {
        private final SqliteDatabase.Tx tx;
        private final CountDownLatch decided = new CountDownLatch(1);
        private volatile Throwable failure;
        private volatile boolean rolledBack;

        Member(SqliteDatabase.Tx tx) {
            this.tx = tx;
        }

        SqliteDatabase.Tx tx() {
            return tx;
        }

        Throwable failure() {
            return failure;
        }

        /** Whether the failure undid this caller's writes (else they are committed, only publishing failed). */
        boolean rolledBack() {
            return rolledBack;
        }

        private void decide(Throwable why, boolean undone) {
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
