package dev.locket.adapters.sqlite;

import static dev.locket.domain.json.JsonShape.bool;
import static dev.locket.domain.json.JsonShape.text;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptionsCodec;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.FieldCodec;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.json.JsonShape;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code _collections} row format PocketBase writes: fields and indexes as JSON arrays, the five
 * rules in their own columns, the type's own settings nested in an {@code options} object (auth token
 * secrets included), the system flag as 0/1.
 */
final class CollectionRows {
    static final String COLUMNS = "id, system, type, name, fields, indexes, listRule, viewRule, createRule, "
            + "updateRule, deleteRule, options, created, updated";

    private static final List<String> RULES = List.of("listRule", "viewRule", "createRule", "updateRule",
            "deleteRule");

    private CollectionRows() {
    }

    /**
     * Reads a row given as JSON-shaped values (fields, indexes and options already parsed).
     *
     * @throws ValidationFailed when the row cannot be read as a collection
     */
    static Collection read(Map<String, Object> row) {
        try {
            String wireType = text(row, "type", "base");
            Map<String, Object> options = JsonShape.object(row.get("options"), "options");
            List<Field> fields = FieldCodec.readAll(row.get("fields"), "fields");
            List<String> indexes = JsonShape.strings(row.get("indexes"), "indexes");
            String id = text(row, "id", "");
            String name = text(row, "name", "");
            boolean system = bool(row, "system");
            CollectionRules rules = CollectionRules.read(row);
            String created = text(row, "created", "");
            String updated = text(row, "updated", "");
            CollectionType type = CollectionType.fromWire(wireType)
                    .orElseThrow(() -> new JsonShape.Mismatch("type"));
            return Collection.of(type, id, name, system, fields, rules, indexes, created, updated,
                    type == CollectionType.VIEW ? text(options, "viewQuery", "") : null,
                    type == CollectionType.AUTH ? AuthOptionsCodec.read(options) : null);
        } catch (JsonShape.Mismatch e) {
            throw e.toValidationFailed();
        }
    }

    /** The row of a collection as JSON-shaped values (options nested, secrets included). */
    static Map<String, Object> write(Collection c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", c.id());
        row.put("system", c.system());
        row.put("type", c.type().wire());
        row.put("name", c.name());
        row.put("fields", FieldCodec.writeAll(c.fields()));
        row.put("indexes", new ArrayList<>(c.indexes()));
        c.rules().write(row);
        row.put("options", switch (c) {
            case BaseCollection b -> new LinkedHashMap<String, Object>();
            case ViewCollection v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("viewQuery", v.viewQuery());
                yield m;
            }
            case AuthCollection a -> AuthOptionsCodec.write(a.auth());
        });
        row.put("created", c.created());
        row.put("updated", c.updated());
        return row;
    }

    /** The current row of {@code rs} (selected as {@link #COLUMNS}) as a collection. */
    static Collection read(ResultSet rs, JsonText json) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString("id"));
        m.put("system", rs.getInt("system") != 0);
        m.put("type", rs.getString("type"));
        m.put("name", rs.getString("name"));
        m.put("fields", json.parseArray(columnText(rs, "fields")));
        m.put("indexes", json.parseArray(columnText(rs, "indexes")));
        for (String rule : RULES) {
            m.put(rule, rs.getString(rule));
        }
        m.put("options", json.parseObject(columnText(rs, "options")));
        m.put("created", nz(rs.getString("created")));
        m.put("updated", nz(rs.getString("updated")));
        return read(m);
    }

    /** Binds the 14 {@link #COLUMNS} of {@code collection} as parameters 1–14. */
    static void bind(PreparedStatement ps, Collection collection, JsonText json) throws SQLException {
        Map<String, Object> m = write(collection);
        ps.setString(1, collection.id());
        ps.setInt(2, Boolean.TRUE.equals(m.get("system")) ? 1 : 0);
        ps.setString(3, String.valueOf(m.get("type")));
        ps.setString(4, String.valueOf(m.get("name")));
        ps.setString(5, json.write(m.get("fields")));
        ps.setString(6, json.write(m.get("indexes")));
        int i = 7;
        for (String rule : RULES) {
            Object r = m.get(rule);
            Columns.bind(ps, i++, r == null ? null : r.toString());
        }
        ps.setString(12, json.write(m.get("options")));
        ps.setString(13, nz((String) m.get("created")));
        ps.setString(14, nz((String) m.get("updated")));
    }

    private static String columnText(ResultSet rs, String column) throws SQLException {
        Object o = rs.getObject(column);
        if (o instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return o == null ? null : o.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
