package dev.locket.domain.error;

import java.util.Objects;

/**
 * One request of a batch failed, so the whole batch was rolled back: {@link #index()} is the failing
 * request's position and {@link #failure()} what that request alone would have answered.
 */
public final class BatchFailed extends LocketException {
    public static final String MESSAGE = "Batch transaction failed.";
    /** The code and message upstream gives the failing item inside {@code data.requests}. */
    public static final String ITEM_CODE = "batch_request_failed";
    public static final String ITEM_MESSAGE = "Batch request failed.";

    private final int index;
    private final LocketException failure;

    public BatchFailed(int index, LocketException failure) {
        super(MESSAGE, failure);
        if (index < 0) {
            throw new IllegalArgumentException("negative batch index " + index);
        }
        this.index = index;
        this.failure = Objects.requireNonNull(failure);
    }

    public int index() {
        return index;
    }

    public LocketException failure() {
        return failure;
    }

    @Override
    public int status() {
        return 400;
    }
}
