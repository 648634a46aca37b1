package dev.locket.adapters.http;

/** The server could not listen on its address (say the port is taken); the message names the address. */
public final class ListenFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenFailed(String message) {
        super(message);
    }
}
