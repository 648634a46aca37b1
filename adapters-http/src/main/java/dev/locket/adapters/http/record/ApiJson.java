package dev.locket.adapters.http.record;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the REST API writes it (Go's escaping and key order), for custom routes of embedding code.
 * Records lose their hidden fields, as upstream's default record marshalling does.
 */
public final class ApiJson {
    private ApiJson() {
    }

    /** A JSON array of records, hidden fields removed. */
    public static byte[] records(List<Record> records) {
        return GoJson.write(records.stream().map(r -> RecordJson.toMap(withoutHidden(r))).toList());
    }

    /** A JSON-shaped value (maps, lists, strings, numbers, booleans, null). */
    public static byte[] write(Object value) {
        return GoJson.write(value);
    }

    private static Record withoutHidden(Record record) {
        Map<String, Object> values = new LinkedHashMap<>(record.values());
        values.keySet().removeIf(name -> record.collection().field(name).map(Field::hidden).orElse(false));
        return new Record(record.collection(), values, record.expand());
    }
}
