package dev.locket.adapters.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Copies the WAL into the database file on a thread and connection of its own. SQLite's automatic checkpoint runs
 * inside the COMMIT that crosses its threshold, so one writer in a thousand paid for copying and syncing the
 * pages of all the others while every queued write waited on the single writer (30 ms COMMITs at the p99 under
 * concurrent creates). A PASSIVE checkpoint here takes no write lock, so writes go on meanwhile; the writer keeps
 * a far higher automatic threshold only as a backstop.
 */
final class Checkpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());
    /** How often the WAL is copied back. */
    static final Duration EVERY = Duration.ofMillis(100);
    /** The writer's own automatic checkpoint (pages), for a WAL this thread does not keep up with. */
    static final int BACKSTOP_PAGES = 10_000;

    private final Connection connection;
    private final Thread thread;
    private volatile boolean closed;

    Checkpointer(Connection connection, String name) {
        this.connection = connection;
        this.thread = Thread.ofPlatform().daemon().name("locket-checkpoint-" + name).unstarted(this::run);
    }

    Checkpointer start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean warned = false;
        try (PreparedStatement checkpoint = connection.prepareStatement("PRAGMA wal_checkpoint(PASSIVE)")) {
            while (!closed) {
                Thread.sleep(EVERY);
                try (ResultSet rs = checkpoint.executeQuery()) {
                    rs.next();
                    warned = false;
                } catch (SQLException e) {
                    if (!warned) {
                        LOG.log(System.Logger.Level.WARNING, "WAL checkpoint failed: " + e.getMessage());
                        warned = true;
                    }
                }
            }
        } catch (InterruptedException stop) {
            // closing
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "WAL checkpoints stopped: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SqliteDatabase.closeQuietly(connection);
    }
}
