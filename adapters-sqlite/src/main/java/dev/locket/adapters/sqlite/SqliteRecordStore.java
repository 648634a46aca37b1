package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.FrozenMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Records in their collection's table (or view). Every value is bound as a parameter; filters and
 * sorts come from {@link FilterSql}.
 */
final class SqliteRecordStore implements RecordStore {
    private static final System.Logger LOG = System.getLogger(SqliteRecordStore.class.getName());
    /** The alias of the collection's table in every query, as FilterSql qualifies its columns. */
    static final String ALIAS = "_r";

    /** Ids bound per IN list: well below SQLite's bound-parameter limit, with room for a rule's own. */
    private static final int CHUNK = 500;
    private static final Pattern UNIQUE_COLUMNS = Pattern.compile("constraint failed: (.+?)\\)?$");
    private static final Pattern UNIQUE_INDEX = Pattern.compile("index '([^']+)'");

    private final SqliteDatabase db;
    private final Columns columns;
    private final FilterSql filters;
    /** Each collection's column list, rebuilt when its definition (a new instance) replaces the one seen. */
    private final Map<String, SelectList> selectLists = new ConcurrentHashMap<>();

    SqliteRecordStore(SqliteDatabase db, Columns columns, CollectionStore collections, Clock clock) {
        this.db = db;
        this.columns = columns;
        this.filters = new FilterSql(collections::find, clock);
    }

    /** The filter's WHERE fragment; filters without condition (public rules, no client filter) add nothing. */
    private SqlFragment filter(Collection collection, BoundFilter filter, RequestInfo request) {
        if (filter.matchesAll()) {
            return SqlFragment.EMPTY;
        }
        return filters.where(collection, ALIAS, filter, request);
    }

    // ---- reads -----------------------------------------------------------------------------

    @Override
    public Optional<Record> find(Collection collection, String id) {
        List<Record> found = select(collection, where(ALIAS + ".`id` = ?", List.of(id)), "", " LIMIT 1");
        return found.stream().findFirst();
    }

    @Override
    public Optional<Record> findMatching(Collection collection, String id, BoundFilter filter, RequestInfo request) {
        SqlFragment f = filter(collection, filter, request);
        SqlFragment w = and(new SqlFragment(ALIAS + ".`id` = ?", List.of(id)), f);
        return select(collection, w, "", " LIMIT 1").stream().findFirst();
    }

    @Override
    public List<Record> findByIds(Collection collection, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Record> out = new ArrayList<>();
        // Chunks stay well below SQLite's bound-parameter limit.
        for (List<String> chunk : chunks(ids)) {
            out.addAll(select(collection, where(ALIAS + ".`id` IN (" + marks(chunk) + ")", new ArrayList<>(chunk)),
                    "", ""));
        }
        return out;
    }

    @Override
    public Set<String> matchingIds(Collection collection, List<String> ids, BoundFilter filter, RequestInfo request) {
        Set<String> out = new LinkedHashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        SqlFragment f = filter(collection, filter, request);
        String from = " FROM " + Columns.quote(collection.name()) + " AS " + ALIAS;
        for (List<String> chunk : chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
            SqlFragment w = and(new SqlFragment(ALIAS + ".`id` IN (" + marks(chunk) + ")", new ArrayList<>(chunk)), f);
            String sql = "SELECT " + ALIAS + ".`id`" + from + " WHERE " + w.sql();
            out.addAll(db.read(c -> {
                List<String> found = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    Columns.bindAll(ps, w.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
                return found;
            }));
        }
        return out;
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            out.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return out;
    }

    private static String marks(List<String> chunk) {
        return String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
    }

    @Override
    public Page<Record> list(Collection collection, RecordQuery query) {
        RequestInfo request = query.request();
        SqlFragment rule = filter(collection, query.ruleFilter(), request);
        SqlFragment client = filter(collection, query.clientFilter(), request);
        SqlFragment order = query.sort().isEmpty() ? SqlFragment.EMPTY
                : filters.orderBy(collection, ALIAS, query.sort(), request, request.isSuperuser());
        SqlFragment w = and(rule, client);
        int page = Math.max(1, query.page());
        int perPage = Math.max(1, query.perPage());
        String orderSql = orderClause(order);
        String from = " FROM " + Columns.quote(collection.name()) + " AS " + ALIAS;
        String whereSql = w.sql().isEmpty() ? "" : " WHERE " + w.sql();
        String sql = "SELECT " + selectList(collection) + from + whereSql + orderSql + " LIMIT ? OFFSET ?";
        List<Object> params = Columns.concat(Columns.concat(w.params(), order.params()),
                List.of(perPage, (long) (page - 1) * perPage));
        try {
            return page(collection, query, sql, params, from, whereSql, w, page, perPage);
        } catch (SqlFailure e) {
            // Upstream answers a list query the database refuses (say @rowid on a view) with its generic
            // 400; the cause stays in the log.
            LOG.log(System.Logger.Level.DEBUG, "list query refused: " + e.getMessage());
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    private Page<Record> page(Collection collection, RecordQuery query, String sql, List<Object> params, String from,
                              String whereSql, SqlFragment w, int page, int perPage) {
        return db.readSnapshot(c -> {
            List<Record> items = query(c, collection, sql, params);
            if (query.skipTotal()) {
                return new Page<>(page, perPage, -1, -1, items);
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from + whereSql)) {
                Columns.bindAll(ps, w.params());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            long pages = (total + perPage - 1) / perPage;
            return new Page<>(page, perPage, total, pages, items);
        });
    }

    @Override
    public boolean draftMatches(Collection collection, Record draft, BoundFilter filter, RequestInfo request) {
        SqlFragment f = filter(collection, filter, request);
        if (f.sql().isEmpty()) {
            return true;
        }
        // The would-be record is a one-row CTE under a name of its own, as PocketBase (v0.23+) checks
        // create and manage rules: the rule's own fields read the draft, while relations (a self-relation
        // included), back-relations and @collection on this collection still read the real table. A CTE
        // named like the table would shadow it, so those would see the draft alone.
        List<String> names = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Field field : collection.fields()) {
            names.add(Columns.quote(field.name()));
            selects.add("?");
            Object v = draft.values().containsKey(field.name()) ? draft.get(field.name()) : Columns.blank(field);
            params.add(columns.toSql(field, v));
        }
        String draftTable = Columns.quote(collection.name() + "__pb_create__"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36));
        String sql = "WITH " + draftTable + " (" + String.join(", ", names) + ") AS (SELECT "
                + String.join(", ", selects) + ") SELECT 1 FROM " + draftTable + " AS " + ALIAS + " WHERE " + f.sql()
                + " LIMIT 1";
        List<Object> all = Columns.concat(params, f.params());
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Columns.bindAll(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public List<Record> findReferencing(Collection collection, String field, String id) {
        Field f = collection.field(field).orElseThrow(
                () -> new IllegalArgumentException("no field " + field + " in " + collection.name()));
        String col = ALIAS + "." + Columns.quote(f.name());
        String cond;
        if (f.multiple()) {
            // Guarded: older rows may hold '' or a plain id instead of a JSON array.
            cond = "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(" + col + ") THEN " + col
                    + " ELSE json_array(" + col + ") END) AS _je WHERE _je.value = ?)";
        } else {
            cond = col + " = ?";
        }
        return select(collection, where(cond, List.of(id)), "", "");
    }

    @Override
    public List<Record> findReferencingAny(Collection collection, String field, List<String> ids) {
        Field f = collection.field(field).orElseThrow(
                () -> new IllegalArgumentException("no field " + field + " in " + collection.name()));
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return List.of();
        }
        String col = ALIAS + "." + Columns.quote(f.name());
        Map<String, Record> out = new LinkedHashMap<>();
        for (List<String> chunk : chunks(distinct)) {
            String cond;
            if (f.multiple()) {
                // EXISTS rather than a join: a record referencing several of the ids comes back once.
                cond = "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(" + col + ") THEN " + col
                        + " ELSE json_array(" + col + ") END) AS _je WHERE _je.value IN (" + marks(chunk) + "))";
            } else {
                cond = col + " IN (" + marks(chunk) + ")";
            }
            for (Record r : select(collection, where(cond, new ArrayList<>(chunk)), "", "")) {
                out.putIfAbsent(r.id(), r);
            }
        }
        return List.copyOf(out.values());
    }

    private List<Record> select(Collection collection, SqlFragment where, String order, String tail) {
        String sql = "SELECT " + selectList(collection) + " FROM " + Columns.quote(collection.name()) + " AS " + ALIAS
                + (where.sql().isEmpty() ? "" : " WHERE " + where.sql()) + order + tail;
        return db.read(c -> query(c, collection, sql, where.params()));
    }

    private List<Record> query(Connection c, Collection collection, String sql, List<Object> params) throws SQLException {
        List<Record> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Columns.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Field> fields = collection.fields();
                while (rs.next()) {
                    FrozenMap.Builder<String, Object> values = FrozenMap.builder();
                    for (int i = 0; i < fields.size(); i++) {
                        values.put(fields.get(i).name(), columns.read(fields.get(i), rs, i + 1));
                    }
                    out.add(new Record(collection, values.build()));
                }
            }
        }
        return out;
    }

    private record SelectList(Collection collection, String sql) {
    }

    private String selectList(Collection collection) {
        SelectList known = selectLists.get(collection.id());
        if (known != null && known.collection() == collection) {
            return known.sql();
        }
        List<String> cols = new ArrayList<>();
        for (Field f : collection.fields()) {
            cols.add(ALIAS + "." + Columns.quote(f.name()));
        }
        String sql = String.join(", ", cols);
        selectLists.put(collection.id(), new SelectList(collection, sql));
        return sql;
    }

    private static SqlFragment where(String sql, List<Object> params) {
        return new SqlFragment(sql, params);
    }

    private static SqlFragment and(SqlFragment a, SqlFragment b) {
        String as = strip(a.sql(), "WHERE");
        String bs = strip(b.sql(), "WHERE");
        if (as.isEmpty()) {
            return new SqlFragment(bs.isEmpty() ? "" : "(" + bs + ")", b.params());
        }
        if (bs.isEmpty()) {
            return new SqlFragment("(" + as + ")", a.params());
        }
        return new SqlFragment("(" + as + ") AND (" + bs + ")", Columns.concat(a.params(), b.params()));
    }

    private static String orderClause(SqlFragment order) {
        String s = strip(order.sql(), "ORDER BY");
        return s.isEmpty() ? "" : " ORDER BY " + s;
    }

    private static String strip(String sql, String keyword) {
        String s = sql == null ? "" : sql.strip();
        if (s.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1)) {
            s = s.substring(keyword.length()).strip();
        }
        return s;
    }

    // ---- writes ----------------------------------------------------------------------------

    @Override
    public void insert(Collection collection, Record record) {
        List<String> names = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        // Every column is written (blank when the record has no value), as PocketBase does: older
        // tables declare some columns NOT NULL without a default.
        for (Field f : collection.fields()) {
            names.add(Columns.quote(f.name()));
            Object v = record.values().containsKey(f.name()) ? record.get(f.name()) : Columns.blank(f);
            params.add(columns.toSql(f, v));
        }
        String sql = "INSERT INTO " + Columns.quote(collection.name()) + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
        execWrite(collection, sql, params, "Failed to create record.");
    }

    @Override
    public void update(Collection collection, Record record) {
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Field f : collection.fields()) {
            if (!f.name().equals("id") && record.values().containsKey(f.name())) {
                sets.add(Columns.quote(f.name()) + " = ?");
                params.add(columns.toSql(f, record.get(f.name())));
            }
        }
        if (sets.isEmpty()) {
            return;
        }
        params.add(record.id());
        String sql = "UPDATE " + Columns.quote(collection.name()) + " SET " + String.join(", ", sets) + " WHERE `id` = ?";
        execWrite(collection, sql, params, "Failed to update record.");
    }

    @Override
    public void delete(Collection collection, String id) {
        execWrite(collection, "DELETE FROM " + Columns.quote(collection.name()) + " WHERE `id` = ?", List.of(id),
                "Failed to delete record.");
    }

    @Override
    public void deleteAll(Collection collection) {
        execWrite(collection, "DELETE FROM " + Columns.quote(collection.name()), List.of(), "Failed to delete records.");
    }

    private void execWrite(Collection collection, String sql, List<Object> params, String failMessage) {
        db.inTransaction(() -> {
            try {
                return db.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        Columns.bindAll(ps, params);
                        return ps.executeUpdate();
                    }
                });
            } catch (SqlFailure e) {
                if (e.getCause() instanceof SQLiteException se && isUniqueViolation(se)) {
                    throw notUnique(collection, se.getMessage(), failMessage);
                }
                throw e;
            }
        });
    }

    private static boolean isUniqueViolation(SQLiteException e) {
        SQLiteErrorCode code = e.getResultCode();
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    /**
     * The violated columns come from SQLite's message ({@code UNIQUE constraint failed: t.a, t.b}),
     * or for partial/expression indexes ({@code ... failed: index 'idx'}) from the named index.
     */
    static ValidationFailed notUnique(Collection collection, String message, String failMessage) {
        List<String> cols = new ArrayList<>();
        String msg = message == null ? "" : message;
        Matcher im = UNIQUE_INDEX.matcher(msg);
        if (im.find()) {
            String indexName = im.group(1);
            for (String index : collection.indexes()) {
                IndexSql.parse(index).filter(ix -> ix.name().equalsIgnoreCase(indexName))
                        .ifPresent(ix -> cols.addAll(ix.columns()));
            }
        } else {
            Matcher m = UNIQUE_COLUMNS.matcher(msg.strip());
            if (m.find()) {
                for (String part : m.group(1).split(",")) {
                    String p = part.strip();
                    int dot = p.lastIndexOf('.');
                    cols.add(dot >= 0 ? p.substring(dot + 1) : p);
                }
            }
        }
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (String col : cols) {
            String name = collection.fields().stream().map(Field::name)
                    .filter(n -> n.equalsIgnoreCase(col)).findFirst().orElse(col);
            errors.put(name, FieldError.of("validation_not_unique", "Value must be unique."));
        }
        if (errors.isEmpty()) {
            errors.put("id", FieldError.of("validation_not_unique", "Value must be unique."));
        }
        return new ValidationFailed(failMessage, errors);
    }
}
