package dev.locket.application.hook;

import dev.locket.application.port.out.LogEntry;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.Settings;
import java.util.Objects;

/**
 * What a model hook ({@code onModelCreate}, ...) is about, as upstream's {@code core.Model}: a record, a
 * collection definition, the settings or a log entry. {@link #tableName()} is upstream's tag of a model event: a
 * record's collection name, {@code _collections} for a collection, {@code _params} for the settings and
 * {@code _logs} for a log entry.
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

    /** The app settings, saved to {@code _params} (upstream's {@code Settings} model). */
    record OfSettings(Settings settings) implements Model {
        public static final String TABLE = "_params";

        public OfSettings {
            Objects.requireNonNull(settings);
        }

        @Override
        public String tableName() {
            return TABLE;
        }
    }

    /** A log entry, written to {@code _logs} of the auxiliary database (upstream's {@code Log} model). */
    record OfLog(LogEntry log) implements Model {
        public static final String TABLE = "_logs";

        public OfLog {
            Objects.requireNonNull(log);
        }

        @Override
        public String tableName() {
            return TABLE;
        }
    }
}
