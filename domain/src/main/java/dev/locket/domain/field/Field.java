package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.Optional;

/**
 * A collection field: one record per PocketBase field type. Storage is not a field's business:
 * adapters switch over this sealed type.
 *
 * <p>Values move through three steps, as upstream: {@link #normalize} coerces whatever a client sent
 * (never failing), the application resolves modifiers, then {@link #validate} checks the canonical
 * value (see {@link dev.locket.domain.record.Record} for the canonical shapes).
 *
 * <p>Types with the same value shape share its handling through package-private sealed
 * sub-interfaces (text, multi-value, date); switches over {@code Field} still name each record.
 */
public sealed interface Field permits TextValued, NumberField, BoolField, DateValued, MultiValued, JsonField,
        GeoPointField {

    FieldMeta meta();

    /** The wire name of the type ({@code text}, {@code geoPoint}, …). */
    String type();

    /**
     * The canonical value of JSON-shaped input (String, Number, Boolean, List, Map or null, or an already
     * canonical value). Never throws: odd input is coerced the way PocketBase coerces it.
     */
    Object normalize(Object raw);

    /** The value of a field that was never set. */
    Object zero();

    /** Whether the value counts as empty ({@code required} fails, other checks are skipped). */
    boolean isBlank(Object value);

    /**
     * PocketBase's self-contained checks of a canonical value, in upstream order; the first failure wins.
     * Checks that need other data (relation targets, stored files, uploads, uniqueness) are the
     * application's.
     */
    Optional<FieldError> validate(Object value);

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

    /** The same field under another id, name or flags; every type option is kept. */
    default Field withMeta(FieldMeta newMeta) {
        return switch (this) {
            case TextField t -> new TextField(newMeta, t.required(), t.min(), t.max(), t.pattern(),
                    t.autogeneratePattern(), t.primaryKey());
            case NumberField n -> new NumberField(newMeta, n.required(), n.min(), n.max(), n.onlyInt());
            case BoolField b -> new BoolField(newMeta, b.required());
            case EmailField e -> new EmailField(newMeta, e.required(), e.exceptDomains(), e.onlyDomains());
            case UrlField u -> new UrlField(newMeta, u.required(), u.exceptDomains(), u.onlyDomains());
            case EditorField e -> new EditorField(newMeta, e.required(), e.maxSize(), e.convertURLs());
            case DateField d -> new DateField(newMeta, d.required(), d.min(), d.max());
            case AutodateField a -> new AutodateField(newMeta, a.onCreate(), a.onUpdate());
            case SelectField s -> new SelectField(newMeta, s.required(), s.values(), s.maxSelect());
            case FileField f -> new FileField(newMeta, f.required(), f.maxSelect(), f.maxSize(), f.mimeTypes(),
                    f.thumbs(), f.protectedFiles());
            case RelationField r -> new RelationField(newMeta, r.required(), r.collectionId(), r.cascadeDelete(),
                    r.minSelect(), r.maxSelect());
            case JsonField j -> new JsonField(newMeta, j.required(), j.maxSize());
            case PasswordField p -> new PasswordField(newMeta, p.required(), p.min(), p.max(), p.pattern(), p.cost());
            case GeoPointField g -> new GeoPointField(newMeta, g.required());
        };
    }

    /** Whether the field holds a list (select/relation/file with {@code maxSelect > 1}). */
    default boolean multiple() {
        return switch (this) {
            case SelectField s -> s.maxSelect() > 1;
            case RelationField r -> r.maxSelect() > 1;
            case FileField f -> f.maxSelect() > 1;
            case TextField t -> false;
            case NumberField n -> false;
            case BoolField b -> false;
            case EmailField e -> false;
            case UrlField u -> false;
            case EditorField e -> false;
            case DateField d -> false;
            case AutodateField a -> false;
            case JsonField j -> false;
            case PasswordField p -> false;
            case GeoPointField g -> false;
        };
    }
}
