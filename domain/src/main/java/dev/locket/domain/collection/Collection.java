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

    /**
     * Whether one of the indexes is UNIQUE over exactly this column (a COLLATE clause or a WHERE
     * filter allowed), which is what identity fields and single back-relations require upstream.
     */
    default boolean hasUniqueIndex(String column) {
        for (String sql : indexes()) {
            Optional<IndexDefinition> index = IndexDefinition.parse(sql);
            if (index.isPresent() && index.get().unique() && index.get().columns().size() == 1
                    && index.get().columns().getFirst().equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    default boolean isAuth() {
        return this instanceof AuthCollection;
    }

    default boolean isView() {
        return this instanceof ViewCollection;
    }
}
