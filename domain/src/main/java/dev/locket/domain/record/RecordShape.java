package dev.locket.domain.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record as the API and realtime events show it: every present value plus collectionId, collectionName
 * and {@code expand} when it was processed. Keys come out sorted: PocketBase marshals a record as a Go
 * map, and Go sorts map keys. What the requester may not see is removed before, by the application;
 * collectionId and collectionName are left out only when the record says so ({@link Record#hiddenKeys()}).
 */
public final class RecordShape {
    private RecordShape() {
    }

    public static Map<String, Object> toMap(Record record) {
        Map<String, Object> out = new TreeMap<>(record.values());
        if (!record.hiddenKeys().contains("collectionId")) {
            out.put("collectionId", record.collection().id());
        }
        if (!record.hiddenKeys().contains("collectionName")) {
            out.put("collectionName", record.collection().name());
        }
        if (record.expand() != null) {
            Map<String, Object> expand = new TreeMap<>();
            record.expand().forEach((k, v) -> expand.put(k, expandValue(v)));
            out.put("expand", expand);
        }
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
