package dev.locket.adapters.sqlite;

/** An unexpected SQLite error (I/O, corrupt schema, bug); ends as a 500 at the edge. */
final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(String message, Throwable cause) {
        super(message, cause);
    }

    SqlFailure(String message) {
        super(message);
    }
}
