package dev.locket.domain.error;

/** A resource is missing, or its existence is hidden by a rule (PocketBase answers 404 for both). */
public final class NotFound extends LocketException {
    public static final String DEFAULT = "The requested resource wasn't found.";

    public NotFound() {
        this(DEFAULT);
    }

    public NotFound(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }
}
