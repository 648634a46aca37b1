package dev.locket.domain.error;

/**
 * A malformed or unacceptable request without field details (bad filter, failed create rule, …).
 * {@code position} is the offending character offset of a filter, or -1.
 */
public final class BadRequest extends LocketException {
    public static final String GENERIC = "Something went wrong while processing your request.";
    /** PocketBase's message when a request body cannot be read into its form (bad JSON, wrong shape). */
    public static final String LOAD_FAILED = "An error occurred while loading the submitted data.";

    private final int position;

    public BadRequest() {
        this(GENERIC);
    }

    public BadRequest(String message) {
        this(message, -1);
    }

    public BadRequest(String message, int position) {
        super(message);
        this.position = position;
    }

    public BadRequest(String message, Throwable cause) {
        super(message, cause);
        this.position = -1;
    }

    public int position() {
        return position;
    }

    @Override
    public int status() {
        return 400;
    }
}
