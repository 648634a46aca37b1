package dev.locket.adapters.http;

import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record as the API shows it. The application already removed what the requester may not see,
 * so every present value is written, plus collectionId, collectionName and {@code expand} when it
 * was processed. Keys come out sorted: PocketBase marshals a record as a Go map, and Go sorts map keys.
 */
final class RecordJson {

    private RecordJson() {
    }

    static Map<String, Object> toMap(Record record) {
        Map<String, Object> out = new TreeMap<>(record.values());
        out.put("collectionId", record.collection().id());
        out.put("collectionName", record.collection().name());
        if (record.expand() != null) {
            Map<String, Object> expand = new TreeMap<>();
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
