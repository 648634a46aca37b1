package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.record.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Collections in {@code _collections}, with their tables, views and indexes kept in step. Reads
 * are served from an immutable in-memory snapshot; a transaction that changes collections sees its
 * own pending snapshot, which replaces the shared one when it commits.
 */
final class SqliteCollectionStore implements CollectionStore {
    /** Message of store-level validation failures; the application replaces it with its own. */
    static final String SAVE_FAILED = "Failed to save collection.";

    private final SqliteDatabase db;
    private final JsonText json;
    private final Columns columns;
    private final Object pendingKey = new Object();
    private volatile Catalog committed = Catalog.of(List.of());

    /** A set of collections with id and lower-case name lookups (every request finds its collection). */
    private record Catalog(List<Collection> all, Map<String, Collection> byId, Map<String, Collection> byName) {
        static Catalog of(List<Collection> all) {
            Map<String, Collection> byId = new HashMap<>();
            Map<String, Collection> byName = new HashMap<>();
            for (Collection c : all) {
                byId.putIfAbsent(c.id(), c);
                byName.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
            }
            return new Catalog(List.copyOf(all), Map.copyOf(byId), Map.copyOf(byName));
        }
    }

    SqliteCollectionStore(SqliteDatabase db, JsonText json) {
        this.db = db;
        this.json = json;
        this.columns = new Columns(json);
    }

    /** (Re)reads every {@code _collections} row; done once at open. */
    void load() {
        committed = Catalog.of(db.read(c -> {
            List<Collection> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + CollectionRows.COLUMNS + " FROM _collections ORDER BY rowid")) {
                while (rs.next()) {
                    out.add(CollectionRows.read(rs, json));
                }
            }
            return out;
        }));
    }

    @Override
    public List<Collection> all() {
        return catalog().all();
    }

    /** This transaction's pending collections once it changed any, else the committed ones. */
    private Catalog catalog() {
        SqliteDatabase.Tx tx = db.currentTx();
        Catalog pending = tx == null ? null : (Catalog) tx.locals().get(pendingKey);
        return pending != null ? pending : committed;
    }

    @Override
    public Optional<Collection> find(String idOrName) {
        if (idOrName == null || idOrName.isEmpty()) {
            return Optional.empty();
        }
        Catalog catalog = catalog();
        Collection found = catalog.byId().get(idOrName);
        if (found == null) {
            found = catalog.byName().get(idOrName.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(found);
    }

    @Override
    public void create(Collection collection) {
        db.inTransaction(() -> {
            db.write(c -> {
                if (collection instanceof ViewCollection v) {
                    createView(c, v.name(), v.viewQuery());
                } else {
                    createTable(c, collection);
                    createIndexes(c, collection);
                }
                insertRow(c, collection);
                return null;
            });
            List<Collection> next = new ArrayList<>(all());
            next.add(collection);
            publish(next);
        });
    }

    @Override
    public void update(Collection before, Collection after) {
        db.inTransaction(() -> {
            db.write(c -> {
                if (before instanceof ViewCollection bv) {
                    exec(c, "DROP VIEW IF EXISTS " + Columns.quote(bv.name()));
                    if (after instanceof ViewCollection av) {
                        createView(c, av.name(), av.viewQuery());
                    } else {
                        createTable(c, after);
                        createIndexes(c, after);
                    }
                } else if (after instanceof ViewCollection av) {
                    exec(c, "DROP TABLE IF EXISTS " + Columns.quote(before.name()));
                    createView(c, av.name(), av.viewQuery());
                } else if (!sameSchema(before, after)) {
                    syncTable(c, before, after);
                }
                updateRow(c, before.id(), after);
                return null;
            });
            List<Collection> next = new ArrayList<>();
            boolean replaced = false;
            for (Collection x : all()) {
                if (x.id().equals(before.id())) {
                    next.add(after);
                    replaced = true;
                } else {
                    next.add(x);
                }
            }
            if (!replaced) {
                next.add(after);
            }
            publish(next);
        });
    }

    @Override
    public void delete(Collection collection) {
        db.inTransaction(() -> {
            db.write(c -> {
                exec(c, (collection.isView() ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ")
                        + Columns.quote(collection.name()));
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM _collections WHERE id = ?")) {
                    ps.setString(1, collection.id());
                    ps.executeUpdate();
                }
                return null;
            });
            List<Collection> next = new ArrayList<>(all());
            next.removeIf(x -> x.id().equals(collection.id()));
            publish(next);
        });
    }

    @Override
    public List<String> viewColumns(String selectQuery) {
        String sql = "SELECT * FROM (" + trimQuery(selectQuery) + ") LIMIT 0";
        return db.read(c -> {
            List<String> columns = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnName(i));
                }
            } catch (SQLException e) {
                throw new BadRequest(rawMessage(e), e);
            }
            return columns;
        });
    }

    @Override
    public List<Record> viewSample(ViewCollection view, int limit) {
        List<String> select = new ArrayList<>();
        for (Field f : view.fields()) {
            select.add(Columns.quote(f.name()));
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM (" + trimQuery(view.viewQuery()) + ") LIMIT "
                + Math.max(0, limit);
        return db.read(c -> {
            List<Record> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < view.fields().size(); i++) {
                        Field f = view.fields().get(i);
                        values.put(f.name(), columns.read(f, rs, i + 1));
                    }
                    out.add(new Record(view, values));
                }
            } catch (SQLException e) {
                throw new BadRequest(rawMessage(e), e);
            }
            return out;
        });
    }

    /** The query without surrounding blanks and trailing semicolons, as PocketBase trims it. */
    static String trimQuery(String query) {
        String q = query == null ? "" : query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }

    /** SQLite's own text without the driver's "[SQLITE_ERROR] SQL error or missing database (…)" wrapper. */
    static String rawMessage(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int open = m.indexOf('(');
        if (m.startsWith("[") && open > 0 && m.endsWith(")")) {
            return m.substring(open + 1, m.length() - 1);
        }
        return m;
    }

    /** Makes {@code next} this transaction's view of the collections and the shared one once it commits. */
    private void publish(List<Collection> next) {
        SqliteDatabase.Tx tx = db.currentTx();
        boolean first = !tx.locals().containsKey(pendingKey);
        tx.locals().put(pendingKey, Catalog.of(next));
        if (first) {
            tx.onCommit(() -> committed = (Catalog) tx.locals().get(pendingKey));
        }
    }

    // ---- DDL -------------------------------------------------------------------------------

    static void createTable(Connection c, Collection collection) throws SQLException {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(Columns.quote(collection.name())).append(" (");
        boolean firstColumn = true;
        // columns in byte order of their names, as upstream's table builder writes them (a column added later
        // goes last)
        List<Field> byName = new java.util.ArrayList<>(collection.fields());
        byName.sort(java.util.Comparator.comparing(Field::name));
        for (Field f : byName) {
            if (!firstColumn) {
                sb.append(", ");
            }
            firstColumn = false;
            sb.append(Columns.quote(f.name())).append(' ').append(Columns.definition(f));
        }
        sb.append(')');
        exec(c, sb.toString());
    }

    /**
     * Creates the collection's indexes. As upstream, statements that do not parse or that SQLite
     * rejects (unknown column, …) become {@code indexes.<i>} validation errors, since an index can
     * only be checked against the table it is created on.
     */
    static void createIndexes(Connection c, Collection collection) throws SQLException {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        List<String> indexes = collection.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            Optional<IndexSql> parsed = IndexSql.parse(indexes.get(i));
            if (parsed.isEmpty()) {
                errors.put(String.valueOf(i), FieldError.of("validation_invalid_index_expression",
                        "Invalid CREATE INDEX expression."));
                continue;
            }
            try {
                exec(c, parsed.get().build(collection.name()));
            } catch (SQLException e) {
                errors.put(String.valueOf(i), FieldError.of("validation_invalid_index_expression",
                        "Failed to create index " + parsed.get().name() + " - " + rawMessage(e) + ".",
                        "indexName", parsed.get().name()));
            }
        }
        if (!errors.isEmpty()) {
            throw ValidationFailed.of(SAVE_FAILED, "indexes", new ErrorGroup(errors));
        }
    }

    private static void dropTableIndexes(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? COLLATE NOCASE AND sql IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        for (String n : names) {
            exec(c, "DROP INDEX IF EXISTS " + Columns.quote(n));
        }
    }

    /**
     * Creates the view as PocketBase does ({@code SELECT * FROM (query)}), wrapping the query so
     * that a non-text {@code id} column is cast to text (PocketBase only supports text ids).
     */
    static void createView(Connection c, String name, String viewQuery) throws SQLException {
        String query = viewQuery.strip();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).strip();
        }
        String probe = "_locket_view_probe";
        exec(c, "DROP VIEW IF EXISTS temp." + Columns.quote(probe));
        exec(c, "CREATE TEMP VIEW " + Columns.quote(probe) + " AS SELECT * FROM (" + query + ")");
        List<String> columns = new ArrayList<>();
        String idType = null;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA temp.table_info(" + Columns.quote(probe) + ")")) {
            while (rs.next()) {
                String col = rs.getString("name");
                columns.add(col);
                if (col.equalsIgnoreCase("id")) {
                    idType = rs.getString("type");
                }
            }
        } finally {
            exec(c, "DROP VIEW IF EXISTS temp." + Columns.quote(probe));
        }
        if (idType != null && !idType.equalsIgnoreCase("TEXT")) {
            List<String> select = new ArrayList<>();
            for (String col : columns) {
                select.add(col.equals("id") ? "CAST(`id` as TEXT) `id`" : Columns.quote(col));
            }
            query = "SELECT " + String.join(",", select) + " FROM (" + query + ")";
        }
        exec(c, "DROP VIEW IF EXISTS " + Columns.quote(name));
        exec(c, "CREATE VIEW " + Columns.quote(name) + " AS SELECT * FROM (" + query + ")");
    }

    /** Whether a table needs no DDL: same name, same columns (by id, name and shape) and same indexes. */
    private static boolean sameSchema(Collection before, Collection after) {
        if (!before.name().equals(after.name()) || !before.indexes().equals(after.indexes())
                || before.fields().size() != after.fields().size()) {
            return false;
        }
        for (int i = 0; i < before.fields().size(); i++) {
            Field b = before.fields().get(i);
            Field a = after.fields().get(i);
            if (!b.id().equals(a.id()) || !b.name().equals(a.name())
                    || !Columns.definition(b).equals(Columns.definition(a))) {
                return false;
            }
        }
        return true;
    }

    /** Migrates a table from one definition to the next, matching fields by id (as PocketBase does). */
    private static void syncTable(Connection c, Collection before, Collection after) throws SQLException {
        dropTableIndexes(c, before.name());
        String table = before.name();
        if (!before.name().equals(after.name())) {
            if (before.name().equalsIgnoreCase(after.name())) {
                String temp = "_tmp_" + after.name() + "_" + System.nanoTime();
                exec(c, "ALTER TABLE " + Columns.quote(table) + " RENAME TO " + Columns.quote(temp));
                table = temp;
            }
            exec(c, "ALTER TABLE " + Columns.quote(table) + " RENAME TO " + Columns.quote(after.name()));
            table = after.name();
        }
        String t = Columns.quote(table);
        Map<String, Field> oldById = new LinkedHashMap<>();
        for (Field f : before.fields()) {
            oldById.put(f.id(), f);
        }
        Map<String, Field> newById = new LinkedHashMap<>();
        for (Field f : after.fields()) {
            newById.put(f.id(), f);
        }
        // Views over this table would fail SQLite's schema re-check while columns move; PocketBase
        // turns the check off the same way for its single/multiple conversions.
        exec(c, "PRAGMA writable_schema = ON");
        try {
            for (Field old : before.fields()) {
                if (!newById.containsKey(old.id())) {
                    exec(c, "ALTER TABLE " + t + " DROP COLUMN " + Columns.quote(old.name()));
                }
            }
            Map<String, String> tempToFinal = new LinkedHashMap<>();
            int n = 0;
            for (Field f : after.fields()) {
                Field old = oldById.get(f.id());
                if (old != null && !old.name().equals(f.name())) {
                    String temp = "_tmp_" + (n++) + "_" + f.name();
                    exec(c, "ALTER TABLE " + t + " RENAME COLUMN " + Columns.quote(old.name()) + " TO " + Columns.quote(temp));
                    tempToFinal.put(temp, f.name());
                }
            }
            for (Field f : after.fields()) {
                if (!oldById.containsKey(f.id())) {
                    exec(c, "ALTER TABLE " + t + " ADD COLUMN " + Columns.quote(f.name()) + " " + Columns.definition(f));
                }
            }
            for (Map.Entry<String, String> e : tempToFinal.entrySet()) {
                exec(c, "ALTER TABLE " + t + " RENAME COLUMN " + Columns.quote(e.getKey()) + " TO " + Columns.quote(e.getValue()));
            }
            for (Field f : after.fields()) {
                Field old = oldById.get(f.id());
                if (old != null && old.multiple() != f.multiple()) {
                    convertMultiplicity(c, t, f);
                }
            }
        } finally {
            exec(c, "PRAGMA writable_schema = RESET");
        }
        createIndexes(c, after);
    }

    /**
     * Re-creates a column with the new single/multiple definition and converts its values:
     * single → JSON array (blank → []), multiple → its last item (empty → '').
     */
    private static void convertMultiplicity(Connection c, String table, Field f) throws SQLException {
        String col = Columns.quote(f.name());
        String temp = Columns.quote("_tmp_conv_" + f.name());
        exec(c, "ALTER TABLE " + table + " ADD COLUMN " + temp + " " + Columns.definition(f));
        if (f.multiple()) {
            exec(c, "UPDATE " + table + " SET " + temp + " = (CASE WHEN COALESCE(" + col + ", '') = '' THEN '[]'"
                    + " WHEN json_valid(" + col + ") AND json_type(" + col + ") = 'array' THEN " + col
                    + " ELSE json_array(" + col + ") END)");
        } else {
            exec(c, "UPDATE " + table + " SET " + temp + " = (CASE WHEN COALESCE(" + col + ", '[]') = '[]' THEN ''"
                    + " WHEN json_valid(" + col + ") AND json_type(" + col + ") = 'array'"
                    + " THEN COALESCE(json_extract(" + col + ", '$[#-1]'), '') ELSE " + col + " END)");
        }
        exec(c, "ALTER TABLE " + table + " DROP COLUMN " + col);
        exec(c, "ALTER TABLE " + table + " RENAME COLUMN " + temp + " TO " + col);
    }

    // ---- _collections rows -----------------------------------------------------------------

    private void insertRow(Connection c, Collection collection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _collections (" + CollectionRows.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            CollectionRows.bind(ps, collection, json);
            ps.executeUpdate();
        }
    }

    private void updateRow(Connection c, String id, Collection collection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE _collections SET id = ?, system = ?, type = ?, name = ?,"
                + " fields = ?, indexes = ?, listRule = ?, viewRule = ?, createRule = ?, updateRule = ?, deleteRule = ?,"
                + " options = ?, created = ?, updated = ? WHERE id = ?")) {
            CollectionRows.bind(ps, collection, json);
            ps.setString(15, id);
            ps.executeUpdate();
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
