package dev.locket.adapters.http;

import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record as the API shows it. The application already removed what the requester may not see,
 * so every present value is written: id, collectionId, collectionName, the other fields in
 * collection order, values without a field, then {@code expand} when it was processed.
 */
final class RecordJson {

    private RecordJson() {
    }

    static Map<String, Object> toMap(Record record) {
        Map<String, Object> values = record.values();
        Map<String, Object> out = new LinkedHashMap<>();
        if (values.containsKey("id")) {
            out.put("id", values.get("id"));
        }
        out.put("collectionId", record.collection().id());
        out.put("collectionName", record.collection().name());
        for (Field f : record.collection().fields()) {
            String name = f.name();
            if (!out.containsKey(name) && values.containsKey(name)) {
                out.put(name, values.get(name));
            }
        }
        values.forEach(out::putIfAbsent);
        if (record.expand() != null) {
            Map<String, Object> expand = new LinkedHashMap<>();
            record.expand().forEach((k, v) -> expand.put(k, expandValue(v)));
            out.put("expand", expand);
        }
        return out;
    }

    static List<Object> toList(List<Record> records) {
        List<Object> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(toMap(r)));
        return out;
    }

    private static Object expandValue(Object v) {
        if (v instanceof Record r) {
            return toMap(r);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(o instanceof Record r ? toMap(r) : o);
            }
            return out;
        }
        return v;
    }
}
