package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.Transactions;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file behind one writer connection and a small pool of read connections ({@link ReadPool}). A
 * transaction binds the writer to the calling thread (nested calls join it); outside one, reads
 * run on a pooled connection within the query budget and writes run in a short transaction of their own.
 */
final class SqliteDatabase implements Transactions, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SqliteDatabase.class.getName());

    private final Connection writer;
    // A lock rather than synchronized: callers run on virtual threads, which synchronized would pin.
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReadPool readers;
    private final Checkpointer checkpointer;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final String url;

    /** Upstream's {@code core.DefaultQueryTimeout}. */
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** The state of the transaction open on one thread. */
    static final class Tx {
        final List<Runnable> onCommit = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterRollback = new ArrayList<>();
        final List<Consumer<RuntimeException>> afterFailure = new ArrayList<>();
        final Map<Object, Object> locals = new HashMap<>();

        /** Runs the after-rollback actions (if the work was undone), then tells the after-failure ones why. */
        void failed(Throwable failure, boolean undone) {
            (undone ? afterRollback : List.<Runnable>of()).forEach(SqliteDatabase::quietly);
            RuntimeException error = failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            afterFailure.forEach(action -> quietly(() -> action.accept(error)));
        }

        /** Adapter-internal state (e.g. a pending collection snapshot) that lives as long as this transaction. */
        Map<Object, Object> locals() {
            return locals;
        }

        /** Runs right after COMMIT while the writer is still held: publishes committed in-memory state. */
        void onCommit(Runnable action) {
            onCommit.add(action);
        }
    }

    private SqliteDatabase(Connection writer, List<Connection> readerConnections, Checkpointer checkpointer,
                           Duration queryTimeout, String name, String url) {
        this.writer = writer;
        this.url = url;
        this.readers = new ReadPool(readerConnections, queryTimeout, name);
        this.checkpointer = checkpointer.start();
    }

    /** Plain sqlite-jdbc connections. */
    static final Connector PLAIN = (url, config) -> config.createConnection(url);

    static SqliteDatabase open(Path file, int readPoolSize) {
        return open(file, readPoolSize, DEFAULT_QUERY_TIMEOUT, PLAIN);
    }

    /** What opens one connection (a logging wrapper in dev mode). */
    @FunctionalInterface
    interface Connector {
        Connection connect(String url, SQLiteConfig config) throws SQLException;
    }

    static SqliteDatabase open(Path file, int readPoolSize, Duration queryTimeout, Connector connector) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection w = null;
        List<Connection> rs = new ArrayList<>();
        try {
            w = StatementCache.wrap(connector.connect(url, baseConfig()));
            try (Statement st = w.createStatement()) {
                // Same pragmas PocketBase sets on its connections.
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA journal_size_limit=200000000");
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute("PRAGMA wal_autocheckpoint=" + Checkpointer.BACKSTOP_PAGES);
            }
            for (int i = 0; i < readPoolSize; i++) {
                rs.add(StatementCache.wrap(connector.connect(url, baseConfig())));
            }
            String name = file.getFileName().toString().replaceFirst("\\.db$", "");
            Checkpointer checkpointer = new Checkpointer(connector.connect(url, baseConfig()), name);
            return new SqliteDatabase(w, rs, checkpointer, queryTimeout, name, url);
        } catch (SQLException e) {
            closeQuietly(w);
            rs.forEach(SqliteDatabase::closeQuietly);
            throw new SqlFailure("cannot open " + file, e);
        }
    }

    /**
     * A fresh connection opened with {@code SQLITE_OPEN_READONLY}: SQLite itself refuses every write on it
     * ({@code SQLITE_READONLY}) and no pragma can lift that, so raw SQL can be tried on it safely.
     */
    Connection openReadOnly() {
        SQLiteConfig c = baseConfig();
        c.setReadOnly(true);
        try {
            return c.createConnection(url);
        } catch (SQLException e) {
            throw new SqlFailure("cannot open a read-only connection: " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig c = new SQLiteConfig();
        c.setBusyTimeout(10000);
        c.enforceForeignKeys(true);
        c.setTempStore(SQLiteConfig.TempStore.MEMORY);
        c.setCacheSize(-32000);
        c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // no caller reads generated keys; left on, sqlite-jdbc runs SELECT last_insert_rowid() after each insert
        c.setGetGeneratedKeys(false);
        return c;
    }

    /** The transaction open on this thread, or null. */
    Tx currentTx() {
        return current.get();
    }

    /**
     * Group commit: callers that queue for the writer while a transaction is open run their work in that same
     * transaction, each inside a SAVEPOINT so a failing one is rolled back alone; the last of the group (nobody
     * else waiting, or the group full or old enough) commits once for all. Every caller returns only after the
     * COMMIT that holds its writes, so what a client is told is durable is exactly what it was before.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        WriteGroup.Member me = new WriteGroup.Member(new Tx());
        T result = null;
        Throwable failure = null;
        WriterEvents.Wait waited = new WriterEvents.Wait();
        waited.begin();
        writeLock.lock();
        try {
            waited.queued = writeLock.getQueueLength();
            waited.commit();
            WriteGroup group = open;
            if (group == null) {
                // BEGIN/COMMIT are issued by hand with the driver left in auto-commit mode: the
                // driver's own commit() immediately opens the next transaction. IMMEDIATE takes the
                // write lock up front, so a transaction never fails half-way on SQLITE_BUSY when
                // another process (say a PocketBase on the same directory) writes too.
                try {
                    exec(writer, "BEGIN IMMEDIATE");
                } catch (SQLException e) {
                    throw new SqlFailure("transaction failed: " + e.getMessage(), e);
                }
                group = new WriteGroup();
                open = group;
            }
            current.set(me.tx());
            try {
                exec(writer, "SAVEPOINT member");
                result = work.get();
                exec(writer, "RELEASE member");
                group.add(me);
            } catch (SQLException e) {
                failure = new SqlFailure("transaction failed: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                current.remove();
            }
            if (failure != null) {
                undoMember(group, failure);
                me.tx().failed(failure, true);
            }
            // A transaction that changed in-memory state published on commit (a collection snapshot) ends the
            // group: whoever comes next must see that state as committed.
            boolean publishes = !me.tx().onCommit.isEmpty() || !me.tx().locals.isEmpty();
            // So does one that left files outside the database (its undo is an after-rollback action): held
            // open, a kill -9 before the COMMIT would leave those files without their record (CrashIT).
            boolean wroteOutside = failure == null && !me.tx().afterRollback.isEmpty();
            if (open == group && (publishes || wroteOutside || !writeLock.hasQueuedThreads() || group.full())) {
                commit(group);
            }
        } finally {
            writeLock.unlock();
        }
        if (failure != null) {
            throw sneaky(failure);
        }
        me.awaitCommit();
        if (me.failure() != null) {
            me.tx().failed(me.failure(), me.rolledBack());
            throw sneaky(me.failure());
        }
        // After-commit actions run outside the write lock: they may open transactions of their own.
        for (Runnable action : me.tx().afterCommit) {
            action.run();
        }
        return result;
    }

    /** Callers waiting for the writer (tests use it to line up a group deterministically). */
    int queuedWriters() {
        return writeLock.getQueueLength();
    }

    /** The group open on the writer; guarded by the write lock. */
    private WriteGroup open;

    /**
     * Rolls back one caller's work to its savepoint. If SQLite already ended the whole transaction (some errors
     * do), the group's earlier work is gone as well: each of its callers is told so.
     */
    private void undoMember(WriteGroup group, Throwable failure) {
        try {
            exec(writer, "ROLLBACK TO member");
            exec(writer, "RELEASE member");
        } catch (SQLException e) {
            rollbackQuietly();
            open = null;
            group.failAll(new SqlFailure("transaction failed: " + failure.getMessage(), failure));
        }
    }

    /** COMMITs the group (write lock held), publishes its in-memory state, and releases its callers. */
    private void commit(WriteGroup group) {
        open = null;
        WriterEvents.Commit event = new WriterEvents.Commit();
        event.begin();
        try {
            exec(writer, "COMMIT");
            event.members = group.size();
            event.openNanos = System.nanoTime() - group.startedNanos();
            event.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            group.failAll(new SqlFailure("transaction failed: " + e.getMessage(), e));
            return;
        }
        group.committed();
    }

    /** Commits a group left open for callers still queued, before the writer is used for something else. */
    private void flush() {
        if (open != null) {
            commit(open);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
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
        Optional.ofNullable(current.get()).ifPresent(tx -> tx.afterRollback.add(action));
    }

    @Override
    public void afterFailure(Consumer<RuntimeException> action) {
        Optional.ofNullable(current.get()).ifPresent(tx -> tx.afterFailure.add(action));
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
        return current.get() != null ? run(writer, work) : readers.read(work, snapshot);
    }

    /**
     * Runs {@code work} while writes are held back and after the WAL was checkpointed into the main
     * file, so the database files can be copied consistently (backups).
     */
    <T> T quiesced(Supplier<T> work) {
        writeLock.lock();
        try {
            flush();
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw new SqlFailure("checkpoint failed: " + e.getMessage(), e);
            }
            return work.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes in the open transaction, or in a transaction of its own. */
    <T> T write(SqlWork<T> work) {
        return inTransaction(() -> run(writer, work));
    }

    static <T> T run(Connection c, SqlWork<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new SqlFailure(e.getMessage(), e);
        }
    }

    /** Runs one statement; prepared, so the transaction statements every write repeats are kept prepared. */
    static void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
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
        checkpointer.close();
        writeLock.lock();
        try {
            flush();
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "WAL checkpoint failed", e);
            }
            readers.close();
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    static void closeQuietly(Connection c) {
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
