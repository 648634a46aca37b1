package dev.locket.domain.field;

import java.util.List;

/** Plain text; id fields are text fields with {@code primaryKey}. */
public record TextField(FieldMeta meta, boolean required, int min, int max, String pattern, String autogeneratePattern, boolean primaryKey) implements Field {
    public TextField {
        pattern = pattern == null ? "" : pattern; autogeneratePattern = autogeneratePattern == null ? "" : autogeneratePattern;
    }

    @Override
    public String type() {
        return "text";
    }
}
