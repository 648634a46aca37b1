package dev.locket.application.port.out;

import java.util.List;

/** Runs raw SQL typed by a superuser against the main database. */
public interface SqlConsole {

    /** A result column: name, declared type, whether it may hold NULL. */
    record Column(String name, String type, boolean nullable) {
    }

    /** Up to the requested number of rows, every cell as text or null. */
    record Rows(List<Column> columns, List<List<String>> rows) {
    }

    /** The database refused the SQL; the message is worded as SQLite's own error text. */
    final class QueryFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public QueryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a run did: the rows its statements changed, and the rows the last one returned (reads only). */
    record Outcome(long affectedRows, Rows rows) {
    }

    /**
     * Runs every statement of {@code sql}. SQLite decides what is a read: statements that only read answer
     * the last one's rows (at most {@code maxRows}); as soon as one would write, all of them run in one write
     * transaction on the single writer (rolled back on error) and the answer is the true count of changed rows.
     */
    Outcome run(String sql, int maxRows);
}
