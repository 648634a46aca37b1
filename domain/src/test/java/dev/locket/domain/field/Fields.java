package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small factories and assertions for field tests. */
final class Fields {
    private Fields() {
    }

    static FieldMeta meta(String name) {
        return new FieldMeta("f_" + name, name, false, false, false, "");
    }

    static TextField text(boolean required, int min, int max, String pattern) {
        return new TextField(meta("t"), required, min, max, pattern, "", false);
    }

    static NumberField number(boolean required, Double min, Double max, boolean onlyInt) {
        return new NumberField(meta("n"), required, min, max, onlyInt);
    }

    static SelectField select(int maxSelect, String... values) {
        return new SelectField(meta("s"), false, List.of(values), maxSelect);
    }

    static RelationField relation(boolean required, int minSelect, int maxSelect) {
        return new RelationField(meta("r"), required, "target", false, minSelect, maxSelect);
    }

    static FileField file(boolean required, int maxSelect) {
        return new FileField(meta("f"), required, maxSelect, 0, List.of(), List.of(), false);
    }

    /** "code|message|params" for compact table assertions; "ok" when valid. */
    static String outcome(Optional<FieldError> error) {
        return error.map(e -> e.code() + "|" + e.message() + (e.params().isEmpty() ? "" : "|" + e.params()))
                .orElse("ok");
    }

    static Map<String, Object> map(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
