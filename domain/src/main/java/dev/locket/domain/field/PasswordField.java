package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.Optional;

/**
 * A bcrypt hash; plain text is checked on input ({@link #validatePlain}) and never stored or returned.
 * The canonical value is the hash ({@code ""} when unset); hashing a submitted plain value is the
 * application's job.
 */
public record PasswordField(FieldMeta meta, boolean required, int min, int max, String pattern, int cost)
        implements TextValued {
    /** bcrypt reads at most 72 bytes; upstream caps plain passwords at 71 characters. */
    public static final int DEFAULT_MAX = 71;
    public static final int DEFAULT_COST = 10;

    public PasswordField {
        pattern = pattern == null ? "" : pattern;
    }

    @Override
    public String type() {
        return "password";
    }

    public int effectiveMax() {
        return max <= 0 ? DEFAULT_MAX : max;
    }

    public int effectiveCost() {
        return cost <= 0 ? DEFAULT_COST : cost;
    }

    /** Checks the hash: {@code required} means a hash exists. */
    @Override
    public Optional<FieldError> validate(Object hash) {
        return FieldErrors.text(hash).isEmpty() ? FieldErrors.blank(required) : FieldErrors.OK;
    }

    /**
     * Checks a newly submitted plain password (length in code points, then pattern); an empty one is
     * not checked here. These errors carry no params upstream.
     */
    public Optional<FieldError> validatePlain(String plain) {
        if (plain == null || plain.isEmpty()) {
            return FieldErrors.OK;
        }
        return TextChecks.lengthAndPattern(plain, min, effectiveMax(), pattern, TextChecks.Wording.PASSWORD);
    }
}
