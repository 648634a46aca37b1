package dev.locket.adapters.http.server;

/**
 * The server could not start serving: its address is taken, or HTTPS has no certificate; the message is one
 * line for the person starting it.
 */
public final class ListenFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListenFailed(String message) {
        super(message);
    }
}
