package dev.locket.domain.collection;

import dev.locket.domain.field.Field;
import java.util.List;

/** A read-only collection backed by an SQL view of {@code viewQuery}. */
public record ViewCollection(String id, String name, boolean system, List<Field> fields, CollectionRules rules,
                             List<String> indexes, String created, String updated, String viewQuery)
        implements Collection {
    public ViewCollection {
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
    }
}
