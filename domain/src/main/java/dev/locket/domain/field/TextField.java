package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Plain text; id fields are text fields with {@code primaryKey}. */
public record TextField(FieldMeta meta, boolean required, int min, int max, String pattern, String autogeneratePattern,
                        boolean primaryKey) implements TextValued {
    /** The pattern of the default record id field; other id patterns get the extra primary key checks. */
    public static final String DEFAULT_ID_PATTERN = "^[a-z0-9]+$";

    /** {@code max: 0} means this many characters upstream. */
    public static final int DEFAULT_MAX = 5000;

    private static final List<String> FORBIDDEN_PK_CHARACTERS = List.of(".", "/", "\\", "|", "\"", "'", "`", "<",
            ">", ":", "?", "*", "%", "$", "\u0000", "\t", "\n", "\r", " ");

    private static final List<String> RESERVED_PKS = List.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
            "LPT8", "LPT9");

    public TextField {
        pattern = pattern == null ? "" : pattern;
        autogeneratePattern = autogeneratePattern == null ? "" : autogeneratePattern;
    }

    @Override
    public String type() {
        return "text";
    }

    /** The maximum length in characters that applies ({@code max}, or 5000 when unset). */
    public int effectiveMax() {
        return max == 0 ? DEFAULT_MAX : max;
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        String v = FieldErrors.text(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required || primaryKey);
        }
        Optional<FieldError> invalid = TextChecks.lengthAndPattern(v, min, effectiveMax(), pattern,
                TextChecks.Wording.TEXT);
        if (invalid.isPresent()) {
            return invalid;
        }
        // ids often become file and directory names, so custom id patterns get extra guards upstream
        if (primaryKey && !DEFAULT_ID_PATTERN.equals(pattern)) {
            for (String ch : FORBIDDEN_PK_CHARACTERS) {
                if (v.contains(ch)) {
                    return FieldErrors.error("validation_forbidden_pk_character",
                            "'" + ch + "' is not a valid primary key character.", "ch", ch);
                }
            }
            if (TextChecks.length(v) <= 4) {
                for (String reserved : RESERVED_PKS) {
                    if (reserved.equals(v.toUpperCase(Locale.ROOT))) {
                        return FieldErrors.error("validation_reserved_pk",
                                "The primary key '" + reserved + "' is reserved and cannot be used.", "reserved",
                                reserved);
                    }
                }
            }
        }
        return FieldErrors.OK;
    }
}
