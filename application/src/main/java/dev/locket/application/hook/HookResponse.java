package dev.locket.application.hook;

import java.util.Optional;

/**
 * A response a request hook wrote itself, as PocketBase's {@code e.JSON(...)} / {@code e.NoContent(...)}:
 * the use case stops with it after the hook chain returned, and the HTTP layer sends it as it is instead of
 * the default answer. Not an error: what the chain already wrote stays written.
 */
public final class HookResponse extends RuntimeException {
    private final int status;
    private final transient Object body;

    HookResponse(int status, Object body) {
        super(null, null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status = status;
        this.body = body;
    }

    /**
     * What a request answers when a hook stopped the chain without writing anything: upstream's handler then
     * returns without a response, which Go sends as an empty 200.
     */
    public static HookResponse nothingWritten() {
        return new HookResponse(200, null);
    }

    public int status() {
        return status;
    }

    /** The JSON body (plain maps, lists, strings, numbers, booleans); empty for a body-less answer. */
    public Optional<Object> body() {
        return Optional.ofNullable(body);
    }
}
