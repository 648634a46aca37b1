package dev.locket.domain.error;

/**
 * Root of every failure the core reports to a client. Each subtype names its HTTP status, the one every
 * adapter answers (REST, realtime, batch items, request logs). The message is what the client sees, so it is
 * written in PocketBase's words.
 */
public abstract sealed class LocketException extends RuntimeException
        permits NotFound, Unauthorized, Forbidden, BadRequest, ValidationFailed, TooLarge, BatchFailed,
        MfaRequired, TooManyRequests, ApiError {

    protected LocketException(String message) {
        super(message, null, false, false);
    }

    protected LocketException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The HTTP status PocketBase answers this failure with. */
    public abstract int status();
}
