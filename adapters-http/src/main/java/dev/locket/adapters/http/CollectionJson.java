package dev.locket.adapters.http;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.field.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collection wire form. Temporary stand-in until {@code CollectionCodec.toApi} lands in the domain
 * (branch h/domain): it writes the common keys only, no type-specific field or auth options.
 */
final class CollectionJson {

    private CollectionJson() {
    }

    static Map<String, Object> toApi(Collection c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("name", c.name());
        out.put("type", c.type().wire());
        out.put("system", c.system());
        List<Object> fields = new ArrayList<>();
        for (Field f : c.fields()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("id", f.id());
            fm.put("name", f.name());
            fm.put("type", f.type());
            fm.put("system", f.system());
            fm.put("hidden", f.hidden());
            fields.add(fm);
        }
        out.put("fields", fields);
        out.put("listRule", c.rules().list().raw());
        out.put("viewRule", c.rules().view().raw());
        out.put("createRule", c.rules().create().raw());
        out.put("updateRule", c.rules().update().raw());
        out.put("deleteRule", c.rules().delete().raw());
        out.put("indexes", c.indexes());
        out.put("created", c.created());
        out.put("updated", c.updated());
        return out;
    }
}
