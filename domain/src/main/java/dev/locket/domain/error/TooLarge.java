package dev.locket.domain.error;

/** A request body or value exceeds its size limit. */
public final class TooLarge extends LocketException {
    public static final String DEFAULT = "Request entity too large.";

    public TooLarge() {
        super(DEFAULT);
    }

    @Override
    public int status() {
        return 413;
    }
}
