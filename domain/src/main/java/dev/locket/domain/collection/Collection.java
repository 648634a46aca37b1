package dev.locket.domain.collection;

import dev.locket.domain.field.Field;
import java.util.List;
import java.util.Optional;

/**
 * A collection: its identity, ordered fields, API rules and indexes. Immutable; schema changes
 * produce a new value. Timestamps are kept in PocketBase's text form ({@code 2024-05-01 09:15:00.123Z}).
 */
public sealed interface Collection permits BaseCollection, AuthCollection, ViewCollection {

    String id();

    String name();

    boolean system();

    List<Field> fields();

    CollectionRules rules();

    List<String> indexes();

    String created();

    String updated();

    /**
     * A collection of {@code type} from its parts: {@code viewQuery} is used by views only, {@code auth}
     * by auth collections only (either may be null for the other types).
     */
    static Collection of(CollectionType type, String id, String name, boolean system, List<Field> fields,
                         CollectionRules rules, List<String> indexes, String created, String updated,
                         String viewQuery, AuthOptions auth) {
        return switch (type) {
            case BASE -> new BaseCollection(id, name, system, fields, rules, indexes, created, updated);
            case VIEW -> new ViewCollection(id, name, system, fields, rules, indexes, created, updated, viewQuery);
            case AUTH -> new AuthCollection(id, name, system, fields, rules, indexes, created, updated, auth);
        };
    }

    /** The same collection with another field list. */
    default Collection withFields(List<Field> newFields) {
        return switch (this) {
            case BaseCollection b -> new BaseCollection(b.id(), b.name(), b.system(), newFields, b.rules(),
                    b.indexes(), b.created(), b.updated());
            case AuthCollection a -> new AuthCollection(a.id(), a.name(), a.system(), newFields, a.rules(),
                    a.indexes(), a.created(), a.updated(), a.auth());
            case ViewCollection v -> new ViewCollection(v.id(), v.name(), v.system(), newFields, v.rules(),
                    v.indexes(), v.created(), v.updated(), v.viewQuery());
        };
    }

    default CollectionType type() {
        return switch (this) {
            case BaseCollection b -> CollectionType.BASE;
            case AuthCollection a -> CollectionType.AUTH;
            case ViewCollection v -> CollectionType.VIEW;
        };
    }

    /** The field with this exact (case-sensitive) name. */
    default Optional<Field> field(String name) {
        for (Field f : fields()) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether a path segment names this collection: ids exactly, names case-insensitively. */
    default boolean answersTo(String idOrName) {
        return id().equals(idOrName) || name().equalsIgnoreCase(idOrName);
    }

    /** Whether one of the indexes is {@link IndexDefinition#uniqueOn UNIQUE over exactly this column}. */
    default boolean hasUniqueIndex(String column) {
        return indexes().stream().anyMatch(sql -> IndexDefinition.parse(sql).filter(i -> i.uniqueOn(column))
                .isPresent());
    }

    default boolean isAuth() {
        return this instanceof AuthCollection;
    }

    default boolean isView() {
        return this instanceof ViewCollection;
    }
}
