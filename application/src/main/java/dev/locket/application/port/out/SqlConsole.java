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

    /** Runs every statement of {@code sql} in one write transaction; answers the rows the last one changed. */
    long execute(String sql);

    /** Runs {@code sql} as a read and answers at most {@code maxRows} rows. */
    Rows query(String sql, int maxRows);
}
