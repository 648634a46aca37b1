package dev.locket.domain.collection;

import dev.locket.domain.field.Field;
import java.util.List;

/** A plain data collection. */
public record BaseCollection(String id, String name, boolean system, List<Field> fields, CollectionRules rules,
                             List<String> indexes, String created, String updated) implements Collection {
    public BaseCollection {
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
    }
}
