package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file behind one writer connection and a small pool of read connections. A
 * transaction binds the writer to the calling thread (nested calls join it); outside one, reads
 * borrow a pooled connection and writes run in a short transaction of their own.
 */
final class SqliteDatabase implements Transactions, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SqliteDatabase.class.getName());

    private final Connection writer;
    // A lock rather than synchronized: callers run on virtual threads, which synchronized would pin.
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    /** The state of the transaction open on one thread. */
    static final class Tx {
        private final List<Runnable> onCommit = new ArrayList<>();
        private final List<Runnable> afterCommit = new ArrayList<>();
        private final List<Runnable> afterRollback = new ArrayList<>();
        private final Map<Object, Object> locals = new HashMap<>();

        /** Adapter-internal state (e.g. a pending collection snapshot) that lives as long as this transaction. */
        Map<Object, Object> locals() {
            return locals;
        }

        /** Runs right after COMMIT while the writer is still held: publishes committed in-memory state. */
        void onCommit(Runnable action) {
            onCommit.add(action);
        }
    }

    private SqliteDatabase(Connection writer, List<Connection> readerConnections) {
        this.writer = writer;
        this.readers = new ArrayBlockingQueue<>(Math.max(1, readerConnections.size()));
        this.readers.addAll(readerConnections);
        this.allReaders.addAll(readerConnections);
    }

    static SqliteDatabase open(Path file, int readPoolSize) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection w = null;
        List<Connection> rs = new ArrayList<>();
        try {
            w = baseConfig().createConnection(url);
            try (Statement st = w.createStatement()) {
                // Same pragmas PocketBase sets on its connections.
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA journal_size_limit=200000000");
                st.execute("PRAGMA synchronous=NORMAL");
            }
            for (int i = 0; i < readPoolSize; i++) {
                rs.add(baseConfig().createConnection(url));
            }
            return new SqliteDatabase(w, rs);
        } catch (SQLException e) {
            closeQuietly(w);
            rs.forEach(SqliteDatabase::closeQuietly);
            throw new SqlFailure("cannot open " + file, e);
        }
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig c = new SQLiteConfig();
        c.setBusyTimeout(10000);
        c.enforceForeignKeys(true);
        c.setTempStore(SQLiteConfig.TempStore.MEMORY);
        c.setCacheSize(-32000);
        c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return c;
    }

    /** The transaction open on this thread, or null. */
    Tx currentTx() {
        return current.get();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Tx tx = new Tx();
        T result;
        writeLock.lock();
        try {
            current.set(tx);
            // BEGIN/COMMIT are issued by hand with the driver left in auto-commit mode: the
            // driver's own commit() immediately opens the next transaction. IMMEDIATE takes the
            // write lock up front, so a transaction never fails half-way on SQLITE_BUSY when
            // another process (say a PocketBase on the same directory) writes too.
            try {
                exec(writer, "BEGIN IMMEDIATE");
                result = work.get();
                exec(writer, "COMMIT");
            } catch (SQLException e) {
                rollbackQuietly();
                tx.afterRollback.forEach(SqliteDatabase::quietly);
                throw new SqlFailure("transaction failed: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly();
                tx.afterRollback.forEach(SqliteDatabase::quietly);
                throw e;
            } finally {
                current.remove();
            }
            tx.onCommit.forEach(Runnable::run);
        } finally {
            writeLock.unlock();
        }
        // After-commit actions run outside the write lock: they may open transactions of their own.
        for (Runnable action : tx.afterCommit) {
            action.run();
        }
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    @Override
    public void afterRollback(Runnable action) {
        Tx tx = current.get();
        if (tx != null) {
            tx.afterRollback.add(action);
        }
    }

    /** A rollback action's failure must not hide the error that caused the rollback. */
    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    /** Reads on the transaction's connection, or on a pooled connection in autocommit mode. */
    <T> T read(SqlWork<T> work) {
        return borrow(work, false);
    }

    /**
     * Like {@link #read}, but several statements see one snapshot (a page and its count) because
     * a pooled connection runs them in one read transaction.
     */
    <T> T readSnapshot(SqlWork<T> work) {
        return borrow(work, true);
    }

    private <T> T borrow(SqlWork<T> work, boolean snapshot) {
        if (current.get() != null) {
            return run(writer, work);
        }
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlFailure("interrupted while waiting for a read connection", e);
        }
        try {
            if (!snapshot) {
                return work.run(c);
            }
            exec(c, "BEGIN");
            try {
                return work.run(c);
            } finally {
                exec(c, "COMMIT");
            }
        } catch (SQLException e) {
            throw new SqlFailure(e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** Writes in the open transaction, or in a transaction of its own. */
    <T> T write(SqlWork<T> work) {
        return inTransaction(() -> run(writer, work));
    }

    private static <T> T run(Connection c, SqlWork<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new SqlFailure(e.getMessage(), e);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec(writer, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite ends the transaction by itself after some errors; nothing is left to undo then.
            LOG.log(System.Logger.Level.WARNING, "rollback failed", e);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "WAL checkpoint failed", e);
            }
            allReaders.forEach(SqliteDatabase::closeQuietly);
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "close failed", e);
        }
    }
}
