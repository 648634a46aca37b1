package dev.locket.domain.error;

/** The request needs an authenticated record and carries none. */
public final class Unauthorized extends LocketException {
    public static final String REQUIRES_AUTH = "The request requires valid record authorization token.";

    public Unauthorized() {
        this(REQUIRES_AUTH);
    }

    public Unauthorized(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 401;
    }
}
