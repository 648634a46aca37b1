package dev.locket.domain.realtime;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import java.util.Locale;
import java.util.Objects;

/**
 * A committed record change as realtime reports it: the action, the collection and the record snapshot
 * (for a delete, the state just before it).
 */
public record RealtimeEvent(Action action, Collection collection, Record record) {

    /** The {@code action} of the wire payload. */
    public enum Action {
        CREATE, UPDATE, DELETE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RealtimeEvent {
        Objects.requireNonNull(action);
        Objects.requireNonNull(collection);
        Objects.requireNonNull(record);
    }
}
