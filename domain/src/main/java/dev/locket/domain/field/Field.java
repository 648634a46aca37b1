package dev.locket.domain.field;

/**
 * A collection field: one record per PocketBase field type. Storage is not a field's business:
 * adapters switch over this sealed type.
 */
public sealed interface Field permits TextField, NumberField, BoolField, EmailField, UrlField, EditorField,
        DateField, AutodateField, SelectField, FileField, RelationField, JsonField, PasswordField, GeoPointField {

    FieldMeta meta();

    /** The wire name of the type ({@code text}, {@code geoPoint}, …). */
    String type();

    default String id() {
        return meta().id();
    }

    default String name() {
        return meta().name();
    }

    default boolean system() {
        return meta().system();
    }

    default boolean hidden() {
        return meta().hidden();
    }

    /** Whether the field holds a list (select/relation/file with {@code maxSelect > 1}). */
    default boolean multiple() {
        return switch (this) {
            case SelectField s -> s.maxSelect() > 1;
            case RelationField r -> r.maxSelect() > 1;
            case FileField f -> f.maxSelect() > 1;
            default -> false;
        };
    }
}
