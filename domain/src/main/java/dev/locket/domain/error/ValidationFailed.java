package dev.locket.domain.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Submitted data broke field or form rules; {@link #errors()} becomes the error body's {@code data}. */
public final class ValidationFailed extends LocketException {
    /** PocketBase's message when a request form (rather than a record or collection being saved) is invalid. */
    public static final String FORM_INVALID = "An error occurred while validating the submitted data.";

    private final Map<String, ErrorNode> errors;

    public ValidationFailed(String message, Map<String, ? extends ErrorNode> errors) {
        super(message);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public static ValidationFailed of(String message, String key, ErrorNode error) {
        return new ValidationFailed(message, Map.of(key, error));
    }

    public Map<String, ErrorNode> errors() {
        return errors;
    }

    /** The same errors under another top-level message (e.g. "Failed to create record."). */
    public ValidationFailed withMessage(String message) {
        return new ValidationFailed(message, errors);
    }

    @Override
    public int status() {
        return 400;
    }
}
