package dev.locket.domain.collection;

import dev.locket.domain.field.Field;
import java.util.List;

/** A collection whose records can authenticate; {@link AuthOptions} holds its auth settings. */
public record AuthCollection(String id, String name, boolean system, List<Field> fields, CollectionRules rules,
                             List<String> indexes, String created, String updated, AuthOptions auth)
        implements Collection {
    public AuthCollection {
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
    }

    /** The same collection with other auth options. */
    public AuthCollection withAuth(AuthOptions options) {
        return new AuthCollection(id, name, system, fields, rules, indexes, created, updated, options);
    }

    public boolean isSuperusers() {
        return "_superusers".equals(name);
    }
}
