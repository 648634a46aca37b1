package dev.locket.domain.field;

import java.util.List;

/** A bcrypt hash; plain text is checked on input and never stored or returned. */
public record PasswordField(FieldMeta meta, boolean required, int min, int max, String pattern, int cost) implements Field {
    public PasswordField {
        pattern = pattern == null ? "" : pattern;
    }

    @Override
    public String type() {
        return "password";
    }
}
