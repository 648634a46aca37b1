package dev.locket.domain.record;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.types.FrozenMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable record: its collection and one canonical value per field name. Canonical values are
 * {@code String} (text, editor, email, url, date, autodate, password hash, single select/relation/file),
 * {@code Double} (number), {@code Boolean} (bool), {@code List<String>} (multiple select/relation/file),
 * {@link dev.locket.domain.json.RawJson} or {@code null} (json) and {@link GeoPoint} (geoPoint).
 * {@code expand} holds expanded relations ({@code Record} or {@code List<Record>} per key), or is
 * {@code null} when no expand was processed. {@code hiddenKeys} names the keys {@link RecordShape} adds by itself
 * ({@code collectionId}, {@code collectionName}) that this record is shown without: an {@code onRecordEnrich}
 * handler hid them, as upstream's {@code Record.Hide} can; empty for every stored record.
 */
public record Record(Collection collection, Map<String, Object> values, Map<String, Object> expand,
                     Set<String> hiddenKeys) {

    public Record {
        Objects.requireNonNull(collection);
        values = FrozenMap.copyOf(Objects.requireNonNull(values));
        expand = expand == null ? null : FrozenMap.copyOf(expand);
        hiddenKeys = hiddenKeys == null ? Set.of() : Set.copyOf(hiddenKeys);
    }

    public Record(Collection collection, Map<String, Object> values, Map<String, Object> expand) {
        this(collection, values, expand, Set.of());
    }

    public Record(Collection collection, Map<String, Object> values) {
        this(collection, values, null);
    }

    public String id() {
        Object id = values.get("id");
        return id == null ? "" : id.toString();
    }

    public Object get(String field) {
        return values.get(field);
    }

    /** The value as text ({@code ""} when unset or not text). */
    public String text(String field) {
        return values.get(field) instanceof String s ? s : "";
    }

    public Record with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return new Record(collection, copy, expand, hiddenKeys);
    }

    public Record withValues(Map<String, Object> newValues) {
        return new Record(collection, newValues, expand, hiddenKeys);
    }

    public Record withExpand(Map<String, Object> newExpand) {
        return new Record(collection, values, newExpand, hiddenKeys);
    }
}
