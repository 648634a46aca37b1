package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.Optional;

/**
 * The length and pattern checks text and password fields share, in upstream order: length in code
 * points (Go counts runes) against min, then max, then the RE2 pattern.
 */
final class TextChecks {

    /** The two spellings upstream uses for the same checks. */
    enum Wording {
        /** Text fields: "Must be no more than", with the bound as a param. */
        TEXT,
        /** Plain passwords: "Must be less than", no params. */
        PASSWORD
    }

    private TextChecks() {
    }

    /** Length in characters as upstream counts them (runes, not UTF-16 units). */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** The first failing check of a non-empty value; a max of 0 or less is not checked. */
    static Optional<FieldError> lengthAndPattern(String value, int min, int max, String pattern, Wording wording) {
        int length = length(value);
        boolean params = wording == Wording.TEXT;
        if (min > 0 && length < min) {
            String message = "Must be at least " + min + " character(s).";
            return params ? FieldErrors.error("validation_min_text_constraint", message, "min", min)
                    : FieldErrors.error("validation_min_text_constraint", message);
        }
        if (max > 0 && length > max) {
            return params ? FieldErrors.error("validation_max_text_constraint",
                    "Must be no more than " + max + " character(s).", "max", max)
                    : FieldErrors.error("validation_max_text_constraint",
                            "Must be less than " + max + " character(s).");
        }
        if (!pattern.isEmpty() && !Casts.patternFound(pattern, value)) {
            return FieldErrors.error("validation_invalid_format", "Invalid value format.");
        }
        return FieldErrors.OK;
    }
}
