package dev.locket.domain.error;

/** A rate limit was hit (429); the message is the limiter's own. */
public final class TooManyRequests extends LocketException {
    public static final String DEFAULT = "Too Many Requests.";

    public TooManyRequests() {
        this(DEFAULT);
    }

    public TooManyRequests(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 429;
    }
}
