package dev.locket.adapters.sqlite;

import dev.locket.domain.error.BadRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConnection;

/**
 * The read side of a {@link SqliteDatabase}: the reads made outside a transaction run on a small pool of read
 * connections, each on a platform read thread, within the query budget.
 */
final class ReadPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReadPool.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    private final ThreadLocal<Connection> onReadThread = new ThreadLocal<>();
    private final Duration queryTimeout;
    private final Semaphore pageLane;
    private final ExecutorService readThreads;

    ReadPool(List<Connection> connections, Duration queryTimeout, String name) {
        int size = Math.max(1, connections.size());
        this.readers = new ArrayBlockingQueue<>(size);
        this.readers.addAll(connections);
        this.allReaders = List.copyOf(connections);
        this.queryTimeout = queryTimeout;
        this.pageLane = new Semaphore(Math.max(1, size - 1));
        this.readThreads = Executors.newFixedThreadPool(size,
                Thread.ofPlatform().daemon().name("locket-read-" + name + "-", 1).factory());
    }

    /**
     * Runs {@code work} on a pooled connection within the query budget, in one read transaction when
     * {@code snapshot} (several statements, one snapshot).
     */
    <T> T read(SqlWork<T> work, boolean snapshot) {
        Connection own = onReadThread.get();
        if (own != null) {
            // a read nested in a read: the pool's threads must never wait on each other
            return SqliteDatabase.run(own, work);
        }
        long deadline = System.nanoTime() + queryTimeout.toNanos();
        // Page queries (the ones a client's filter can make slow) never take the last connection: point
        // reads such as a token check or a record view always find one free.
        Semaphore lane = snapshot ? pageLane : null;
        if (lane != null) {
            acquire(lane, deadline);
        }
        try {
            ReadTask<T> task = new ReadTask<>(work, snapshot);
            Future<T> future = readThreads.submit(task);
            return await(task, future, deadline);
        } finally {
            if (lane != null) {
                lane.release();
            }
        }
    }

    private void acquire(Semaphore lane, long deadline) {
        try {
            if (!lane.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw cancelled("timed out waiting for a read connection after " + queryTimeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled("interrupted while waiting for a read connection");
        }
    }

    /**
     * Waits for a read on the caller's (virtual) thread: the JDBC call itself runs on a platform thread,
     * because a native SQLite call keeps a virtual thread's carrier busy for its whole length, so a few
     * slow queries would stall every other request. Past the budget, or when the caller is interrupted
     * (its client went away), the statement is interrupted inside SQLite.
     */
    private <T> T await(ReadTask<T> task, Future<T> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(task, future);
            throw cancelled("query cancelled after the " + queryTimeout.toSeconds() + "s budget (--queryTimeout)");
        } catch (InterruptedException e) {
            stop(task, future);
            Thread.currentThread().interrupt();
            throw cancelled("query cancelled: the request was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw new SqlFailure(sql.getMessage(), sql);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SqlFailure(String.valueOf(cause), cause);
        }
    }

    /** Interrupts a running read and waits until its connection is back in the pool. */
    private static void stop(ReadTask<?> task, Future<?> future) {
        future.cancel(false);
        task.interrupt();
        boolean interrupted = false;
        while (!future.isDone() || task.running()) {
            try {
                task.awaitEnd(STOP_WAIT);
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Upstream answers a cancelled query with its generic 400 ({@code BadRequestError("", err)}); an
     * expected condition, so the log gets one line and no stack trace.
     */
    private static BadRequest cancelled(String why) {
        LOG.log(System.Logger.Level.WARNING, why);
        return new BadRequest(BadRequest.GENERIC);
    }

    /** One read on a pooled connection, run by a read thread; interruptible from the waiting caller. */
    private final class ReadTask<T> implements Callable<T> {
        private final SqlWork<T> work;
        private final boolean snapshot;
        private final ReentrantLock state = new ReentrantLock();
        private final CountDownLatch ended = new CountDownLatch(1);
        private Connection running;
        private boolean stopped;

        ReadTask(SqlWork<T> work, boolean snapshot) {
            this.work = work;
            this.snapshot = snapshot;
        }

        @Override
        public T call() throws Exception {
            Connection c = readers.take();
            try {
                state.lock();
                try {
                    if (stopped) {
                        throw new SQLException("interrupted");
                    }
                    running = c;
                } finally {
                    state.unlock();
                }
                onReadThread.set(c);
                if (!snapshot) {
                    return work.run(c);
                }
                SqliteDatabase.exec(c, "BEGIN");
                try {
                    return work.run(c);
                } finally {
                    endSnapshot(c);
                }
            } finally {
                onReadThread.remove();
                state.lock();
                try {
                    running = null;
                } finally {
                    state.unlock();
                }
                readers.add(c);
                ended.countDown();
            }
        }

        void interrupt() {
            state.lock();
            try {
                stopped = true;
                if (running != null) {
                    try {
                        running.unwrap(SQLiteConnection.class).getDatabase().interrupt();
                    } catch (SQLException e) {
                        LOG.log(System.Logger.Level.WARNING, "could not interrupt a query: " + e.getMessage());
                    }
                }
            } finally {
                state.unlock();
            }
        }

        boolean running() {
            state.lock();
            try {
                return running != null;
            } finally {
                state.unlock();
            }
        }

        void awaitEnd(Duration max) throws InterruptedException {
            if (running()) {
                ended.await(max.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Ends a read transaction; a pooled connection must never stay inside one (it would pin an old snapshot). */
    private static void endSnapshot(Connection c) throws SQLException {
        try {
            SqliteDatabase.exec(c, "COMMIT");
        } catch (SQLException e) {
            try {
                SqliteDatabase.exec(c, "ROLLBACK");
            } catch (SQLException noTransactionLeft) {
                // SQLite already ended it
            }
            throw e;
        }
    }

    /** Stops the read threads and closes the connections (the database's writer lock is held). */
    @Override
    public void close() {
        readThreads.shutdownNow();
        allReaders.forEach(SqliteDatabase::closeQuietly);
    }
}
