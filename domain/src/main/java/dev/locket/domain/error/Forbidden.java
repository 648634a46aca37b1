package dev.locket.domain.error;

/** The requester is known but not allowed (locked rule, wrong collection, superuser-only route). */
public final class Forbidden extends LocketException {
    public static final String DEFAULT = "You are not allowed to perform this request.";
    public static final String SUPERUSERS_ONLY = "Only superusers can perform this action.";
    public static final String NOT_ALLOWED = "The authorized record is not allowed to perform this action.";

    public Forbidden() {
        this(DEFAULT);
    }

    public Forbidden(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 403;
    }
}
