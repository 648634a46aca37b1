package dev.locket.adapters.http.record;

import dev.locket.domain.record.Record;
import dev.locket.domain.record.RecordShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records as the REST API writes them ({@link RecordShape}). */
public final class RecordJson {

    private RecordJson() {
    }

    public static Map<String, Object> toMap(Record record) {
        return RecordShape.toMap(record);
    }

    public static List<Object> toList(List<Record> records) {
        List<Object> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(toMap(r)));
        return out;
    }
}
