package dev.locket.adapters.sqlite;

/**
 * The data directory holds data Locket cannot open (say written by a PocketBase older than v0.23); it was
 * left exactly as it was. The message is one line meant for the person starting the server.
 */
public final class UnsupportedDataDir extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedDataDir(String message) {
        super(message);
    }
}
