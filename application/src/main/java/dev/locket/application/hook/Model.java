package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import java.util.Objects;

/**
 * What a model hook ({@code onModelCreate}, ...) is about, as upstream's {@code core.Model}: a record or a
 * collection definition. {@link #tableName()} is upstream's tag of a model event: a record's collection name,
 * {@code _collections} for a collection.
 */
public sealed interface Model {
    /** The table upstream writes this model to. */
    String tableName();

    /** A record, written to its collection's table. */
    record OfRecord(Record record) implements Model {
        public OfRecord {
            Objects.requireNonNull(record);
        }

        @Override
        public String tableName() {
            return record.collection().name();
        }
    }

    /** A collection definition, written to {@code _collections}. */
    record OfCollection(Collection collection) implements Model {
        public static final String TABLE = "_collections";

        public OfCollection {
            Objects.requireNonNull(collection);
        }

        @Override
        public String tableName() {
            return TABLE;
        }
    }
}
