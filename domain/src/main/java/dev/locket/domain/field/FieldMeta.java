package dev.locket.domain.field;

import java.util.Objects;

/** What every field has besides its type options: id, name, flags and UI help text. */
public record FieldMeta(String id, String name, boolean system, boolean hidden, boolean presentable, String help) {
    public FieldMeta {
        Objects.requireNonNull(name, "field name");
        id = id == null ? "" : id;
        help = help == null ? "" : help;
    }

    /**
     * A plain field named {@code name}: no id yet (a collection save gives it PocketBase's generated
     * one), not system, hidden or presentable, no help text.
     */
    public static FieldMeta named(String name) {
        return new FieldMeta("", name, false, false, false, "");
    }

    public FieldMeta withName(String newName) {
        return new FieldMeta(id, newName, system, hidden, presentable, help);
    }

    public FieldMeta withId(String newId) {
        return new FieldMeta(newId, name, system, hidden, presentable, help);
    }
}
