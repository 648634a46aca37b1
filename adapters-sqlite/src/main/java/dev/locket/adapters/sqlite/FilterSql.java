package dev.locket.adapters.sqlite;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Expr;
import dev.locket.domain.filter.FunctionCall;
import dev.locket.domain.filter.Identifier;
import dev.locket.domain.filter.Literal;
import dev.locket.domain.filter.Operand;
import dev.locket.domain.filter.Operator;
import dev.locket.domain.filter.SortItem;
import dev.locket.domain.filter.SortParser;
import dev.locket.domain.rule.BoundConstant;
import dev.locket.domain.rule.DateMacros;
import dev.locket.domain.rule.PathBinder;
import dev.locket.domain.rule.RequestBinder;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Translates filter expressions and sort items into SQLite fragments for the records of one collection,
 * following PocketBase's record field resolver. Every value is a bound parameter and every name comes from
 * the schema. Relation hops, {@code :each} and {@code @collection} become LEFT JOINs inside one correlated
 * {@code EXISTS} around the whole filter (so conditions on the same path share the joined row, as upstream's
 * joins do, without multiplying the outer rows); the "every value" meaning of plain operators adds a
 * {@code NOT EXISTS} over independent copies of those joins.
 */
final class FilterSql {

    /** SQLite refuses more than 64 tables in one join; stay below it with a 400 instead of an SQL error. */
    private static final int MAX_JOINS = 60;

    private final Function<String, Optional<Collection>> collections;
    private final Clock clock;

    FilterSql(Function<String, Optional<Collection>> collections) {
        this(collections, Clock.systemUTC());
    }

    FilterSql(Function<String, Optional<Collection>> collections, Clock clock) {
        this.collections = collections;
        this.clock = clock;
    }

    /**
     * WHERE fragment (no "WHERE" keyword) for the records of {@code collection} selected FROM its table AS
     * {@code alias}. A filter that does not {@link BoundFilter#allowHidden() allow hidden data} (a
     * non-superuser's client filter) rejects hidden fields, requires list access to every traversed collection
     * (applying its list rule to the joined rows) and hides non-public emails; otherwise the filter is treated
     * like an API rule. A filter without condition gives {@code 1}. Aliases starting with {@code __} are
     * reserved for the joins.
     *
     * @throws BadRequest on an unknown field, bad modifier or forbidden hop, with its position
     */
    SqlFragment where(Collection collection, String alias, BoundFilter filter, RequestInfo request) {
        if (filter.matchesAll()) {
            return SqlFragment.of("1");
        }
        return new Translation(collection, alias, request, filter.allowHidden(), new int[1]).where(filter.expr());
    }

    /** {@link #where(Collection, String, BoundFilter, RequestInfo)} for filter text, as a rule or a client's. */
    SqlFragment where(Collection collection, String alias, String filter, RequestInfo request,
                      boolean allowHidden) {
        Objects.requireNonNull(filter, "filter (a locked rule must not reach the SQL)");
        return where(collection, alias, allowHidden ? BoundFilter.rule(filter) : BoundFilter.client(filter, false),
                request);
    }

    /**
     * ORDER BY items without the keyword ({@code ""} when none), same resolution rules as {@link #where}.
     * Each item is a raw sort item ({@code -created}, {@code +title}, {@code author.name}, {@code @random},
     * {@code @rowid}); a path through a relation becomes a scalar subquery.
     */
    SqlFragment orderBy(Collection collection, String alias, List<String> sort, RequestInfo request,
                        boolean allowHidden) {
        if (sort.size() > SortParser.MAX_ITEMS) {
            throw new BadRequest("more than " + SortParser.MAX_ITEMS + " sort items", -1);
        }
        Translation t = new Translation(collection, alias, request, allowHidden, new int[1]);
        List<SqlFragment> items = new ArrayList<>();
        for (String raw : sort) {
            SortItem item = SortParser.parseItem(raw);
            String dir = item.descending() ? " DESC" : " ASC";
            if (item.isRandom()) {
                items.add(SqlFragment.of("RANDOM()"));
            } else if (item.isRowid()) {
                items.add(SqlFragment.of(quote(alias) + ".\"_rowid_\"" + dir));
            } else {
                items.add(t.sortFilterTerm(Identifier.parse(item.path(), 0)).then(dir));
            }
        }
        return SqlFragment.join(", ", items);
    }

    // ---------------------------------------------------------------------------------------------

    /** The state of translating one filter against one collection. */
    private final class Translation {
        private final Collection root;
        private final String rootAlias;
        private final RequestInfo request;
        private final boolean allowHidden;
        private final int[] counter;
        private final PathBinder paths;

        Translation(Collection root, String rootAlias, RequestInfo request, boolean allowHidden, int[] counter) {
            this.root = root;
            this.rootAlias = rootAlias;
            this.request = RequestInfo.orGuest(request);
            this.allowHidden = allowHidden;
            this.counter = counter;
            this.paths = new PathBinder(collections, allowHidden);
        }

        SqlFragment where(Expr expr) {
            // Top-level conjuncts that need no join stay outside the EXISTS so SQLite can use indexes for
            // them (e.g. id = ?); this keeps the meaning since the joins always yield at least one row.
            List<Expr> conjuncts = new ArrayList<>();
            flatten(expr, Expr.And.class, conjuncts);
            FilterJoins shared = new FilterJoins(counter);
            List<SqlFragment> plain = new ArrayList<>();
            List<SqlFragment> joined = new ArrayList<>();
            for (Expr conjunct : conjuncts) {
                shared.used = false;
                SqlFragment sql = expr(conjunct, shared);
                (shared.used ? joined : plain).add(sql);
            }
            if (shared.clauses.size() > MAX_JOINS) {
                throw new BadRequest("filter needs too many joins", expr.position());
            }
            if (!joined.isEmpty()) {
                plain.add(SqlFragment.of("EXISTS (").then(shared.from(), " WHERE ",
                        SqlFragment.join(" AND ", joined), ")"));
            }
            return plain.size() == 1 ? plain.get(0) : SqlFragment.of("(").then(SqlFragment.join(" AND ", plain), ")");
        }

        SqlFragment sortFilterTerm(Identifier id) {
            if (id.keyword().isPresent() || (id.head().startsWith("@") && id.path().size() == 1)) {
                throw new BadRequest("literals and macros are not sortable", id.position());
            }
            FilterJoins scope = new FilterJoins(counter);
            FilterTerm term = identifier(id, scope);
            if (scope.clauses.size() > MAX_JOINS) {
                throw new BadRequest("sort needs too many joins", id.position());
            }
            // a guarded value (an email its owner keeps hidden) sorts as empty, as the filter reads it
            SqlFragment value = term.guards().isEmpty() ? term.sql() : SqlFragment.of("(CASE WHEN ")
                    .then(SqlFragment.join(" AND ", term.guards()), " THEN ", term.sql(), " ELSE '' END)");
            if (scope.isEmpty()) {
                return value;
            }
            return SqlFragment.of("(SELECT ").then(value, " ", scope.fromClause(), " LIMIT 1)");
        }

        private SqlFragment expr(Expr expr, FilterJoins scope) {
            return switch (expr) {
                case Expr.And a -> chain(expr, " AND ", scope);
                case Expr.Or o -> chain(expr, " OR ", scope);
                case Expr.Compare c -> compare(c, scope);
            };
        }

        /** Flattens a chain of the same join so SQLite's expression depth stays small. */
        private SqlFragment chain(Expr expr, String separator, FilterJoins scope) {
            List<Expr> operands = new ArrayList<>();
            flatten(expr, expr.getClass(), operands);
            List<SqlFragment> parts = new ArrayList<>();
            for (Expr e : operands) {
                parts.add(expr(e, scope));
            }
            return SqlFragment.of("(").then(SqlFragment.join(separator, parts), ")");
        }

        private void flatten(Expr expr, Class<?> kind, List<Expr> out) {
            if (expr.getClass() == kind) {
                switch (expr) {
                    case Expr.And a -> {
                        flatten(a.left(), kind, out);
                        flatten(a.right(), kind, out);
                    }
                    case Expr.Or o -> {
                        flatten(o.left(), kind, out);
                        flatten(o.right(), kind, out);
                    }
                    case Expr.Compare c -> out.add(c);
                }
            } else {
                out.add(expr);
            }
        }

        private SqlFragment compare(Expr.Compare c, FilterJoins scope) {
            FilterTerm left = operand(c.left(), scope);
            FilterTerm right = operand(c.right(), scope);
            Operator op = c.operator().base();
            SqlFragment cond = FilterComparisons.condition(op, left, right);
            List<SqlFragment> guards = new ArrayList<>(left.guards());
            guards.addAll(right.guards());
            if (!c.operator().anyOf() && (left.multi() || right.multi())) {
                // "every value": no (left, right) pair of independent joins may violate the condition
                FilterJoins leftScope = new FilterJoins(counter);
                FilterTerm l2 = operand(c.left(), leftScope);
                FilterJoins rightScope = new FilterJoins(counter);
                FilterTerm r2 = operand(c.right(), rightScope);
                List<SqlFragment> joins = new ArrayList<>(leftScope.clauses);
                joins.addAll(rightScope.clauses);
                SqlFragment from = SqlFragment.of("SELECT 1 FROM (SELECT 1) AS \"__base\"").then(
                        joins.stream().map(j -> SqlFragment.of(" ").then(j)).toArray());
                guards.add(SqlFragment.of("NOT EXISTS (").then(from, " WHERE NOT (", FilterComparisons.condition(op, l2, r2), "))"));
            }
            if (guards.isEmpty()) {
                return cond;
            }
            List<SqlFragment> all = new ArrayList<>();
            all.add(cond);
            all.addAll(guards);
            return SqlFragment.of("(").then(SqlFragment.join(" AND ", all), ")");
        }

        // --- operands ------------------------------------------------------------------------------

        private FilterTerm operand(Operand operand, FilterJoins scope) {
            return switch (operand) {
                case Literal l -> FilterTerm.constant(BoundConstant.of(l));
                case Identifier id -> identifier(id, scope);
                case FunctionCall f -> function(f, scope);
            };
        }

        private FilterTerm identifier(Identifier id, FilterJoins scope) {
            String head = id.head();
            if (head.equals("@request")) {
                return requestValue(id, scope);
            }
            if (head.equals("@collection")) {
                return collectionPath(id, scope);
            }
            if (head.startsWith("@")) {
                if (id.path().size() == 1 && id.modifier().isEmpty()) {
                    return macro(id);
                }
                throw new BadRequest("unknown identifier \"" + id.source() + "\"", id.position());
            }
            if (root.field(head).isEmpty() && !head.equals("id") && id.keyword().isPresent()) {
                return operand(id.keyword().get(), scope);
            }
            return fieldPath(root, rootAlias, id, 0, scope, "", 0, false);
        }

        /**
         * Resolves {@code id.path()[index..]} against {@code collection} joined as {@code alias}. {@code key}
         * identifies the path walked so far, so equal paths share joins within a scope.
         */
        private FilterTerm fieldPath(Collection collection, String alias, Identifier id, int index, FilterJoins scope,
                               String key, int hops, boolean multi) {
            return switch (paths.step(collection, id, index, hops)) {
                case PathBinder.Leaf leaf -> {
                    FilterTerm term = lastField(leaf, quote(alias) + "." + quote(leaf.name()), id, scope,
                            key + leaf.name(), multi);
                    if (collection instanceof AuthCollection && leaf.field() != null && leaf.name().equals("email")
                            && !allowHidden) {
                        // upstream: non-superuser filters only see emails their owners made public
                        term = term.withGuard(SqlFragment.of(quote(alias) + ".\"emailVisibility\" = TRUE"));
                    }
                    yield term;
                }
                case PathBinder.Hop hop -> {
                    String column = quote(alias) + "." + quote(hop.relation().name());
                    if (hop.storedIdOnly()) {
                        yield FilterTerm.column(SqlFragment.of(column), multi);
                    }
                    Collection target = hop.target();
                    String hopKey = key + hop.relation().name();
                    String targetAlias;
                    if (hop.relation().multiple()) {
                        String each = scope.join(hopKey + "[]", a -> SqlFragment.of(
                                "LEFT JOIN json_each(" + jsonArray(column) + ") AS " + quote(a)));
                        targetAlias = scope.join(hopKey, a -> joinTarget(target, a,
                                SqlFragment.of(quote(each) + ".\"value\"")));
                    } else {
                        targetAlias = scope.join(hopKey, a -> joinTarget(target, a, SqlFragment.of(column)));
                    }
                    yield fieldPath(target, targetAlias, id, index + 1, scope, hopKey + ".", hops + 1,
                            multi || hop.relation().multiple());
                }
                case PathBinder.Via via -> {
                    Collection source = via.source();
                    String relName = via.relation().name();
                    String hopKey = key + id.path().get(index);
                    String idColumn = quote(alias) + ".\"id\"";
                    String sourceAlias = scope.join(hopKey, a -> {
                        String fk = quote(a) + "." + quote(relName);
                        SqlFragment on = via.relation().multiple()
                                ? SqlFragment.of("EXISTS (SELECT 1 FROM json_each(" + jsonArray(fk)
                                + ") AS \"__v\" WHERE \"__v\".\"value\" = " + idColumn + ")")
                                : SqlFragment.of(fk + " = " + idColumn);
                        return SqlFragment.of("LEFT JOIN " + quote(source.name()) + " AS " + quote(a) + " ON ")
                                .then(on, listRuleGuard(source, a));
                    });
                    boolean single = !via.relation().multiple() && source.hasUniqueIndex(relName);
                    // upstream: a unique back-relation keeps, never clears, the multi-match of the path so far
                    yield fieldPath(source, sourceAlias, id, index + 1, scope, hopKey + ".", hops + 1,
                            multi || !single);
                }
                case PathBinder.Missing missing -> FilterTerm.constant(BoundConstant.of(null, false));
                case PathBinder.JsonPath json -> {
                    String column = quote(alias) + "." + quote(json.field().name());
                    SqlFragment path = SqlFragment.of("?", jsonPath(json.segments()));
                    SqlFragment extract = SqlFragment.of("(CASE WHEN json_valid(" + column + ") THEN json_extract("
                            + column + ", ").then(path, ") ELSE NULL END)");
                    yield FilterTerm.json(extract, multi);
                }
            };
        }

        private FilterTerm lastField(PathBinder.Leaf leaf, String column, Identifier id, FilterJoins scope, String key,
                               boolean multi) {
            Field field = leaf.field();
            return switch (leaf.modifier()) {
                // upstream compares a whole json value as extracted JSON, so the stored text null is NULL
                case "" -> field instanceof JsonField || field instanceof GeoPointField
                        ? FilterTerm.json(SqlFragment.of("(CASE WHEN json_valid(" + column + ") THEN json_extract("
                        + column + ", '$') ELSE " + column + " END)"), multi)
                        : FilterTerm.column(SqlFragment.of(column), multi);
                // upstream lowers the extracted json value and keeps comparing it without COALESCE
                case "lower" -> field instanceof JsonField
                        ? FilterTerm.json(SqlFragment.of("LOWER(CASE WHEN json_valid(" + column + ") THEN json_extract("
                        + column + ", '$') ELSE " + column + " END)"), multi)
                        : FilterTerm.column(SqlFragment.of("LOWER(" + column + ")"), multi);
                case "each" -> {
                    if (!field.multiple()) {
                        yield FilterTerm.column(SqlFragment.of(column), multi);
                    }
                    String each = scope.join(key + ":each", a -> SqlFragment.of(
                            "LEFT JOIN json_each(" + jsonArray(column) + ") AS " + quote(a)));
                    yield FilterTerm.column(SqlFragment.of(quote(each) + ".\"value\""), true);
                }
                // :length (the binder keeps no other modifier)
                default -> FilterTerm.column(SqlFragment.of(field.multiple()
                        ? "json_array_length(" + jsonArray(column) + ")"
                        : "(CASE WHEN " + column + " IS NULL OR " + column + " = '' THEN 0 ELSE 1 END)"), multi);
            };
        }

        private FilterTerm collectionPath(Identifier id, FilterJoins scope) {
            Collection target = paths.collection(id);
            String key = "@collection." + target.id() + ":" + id.alias();
            String alias = scope.join(key, a -> SqlFragment.of(
                    "LEFT JOIN " + quote(target.name()) + " AS " + quote(a) + " ON 1"));
            return fieldPath(target, alias, id, 2, scope, key + ".", 0, true);
        }

        private SqlFragment joinTarget(Collection target, String alias, SqlFragment foreignKey) {
            return SqlFragment.of("LEFT JOIN " + quote(target.name()) + " AS " + quote(alias) + " ON "
                    + quote(alias) + ".\"id\" = ").then(foreignKey, listRuleGuard(target, alias));
        }

        /** For a non-superuser client filter the traversed collection's list rule narrows the joined rows. */
        private SqlFragment listRuleGuard(Collection target, String alias) {
            if (allowHidden || !(target.rules().list() instanceof AccessRule.Filter rule)) {
                return SqlFragment.EMPTY;
            }
            BoundFilter bound = rule.bound();
            if (bound.matchesAll()) {
                return SqlFragment.EMPTY;
            }
            Translation nested = new Translation(target, alias, request, true, counter);
            return SqlFragment.of(" AND ").then(nested.where(bound.expr()));
        }

        // --- @request, macros, functions -----------------------------------------------------------

        private FilterTerm requestValue(Identifier id, FilterJoins scope) {
            return requestValue(id, RequestBinder.bind(id, root, request, allowHidden), scope);
        }

        private FilterTerm requestValue(Identifier id, RequestBinder.Bound bound, FilterJoins scope) {
            return switch (bound) {
                case RequestBinder.Constant c -> c.visible() ? FilterTerm.constant(c.constant())
                        : FilterTerm.constant(c.constant()).withGuard(SqlFragment.of("FALSE"));
                case RequestBinder.Count c -> FilterTerm.constant(c.count(), String.valueOf(c.count()));
                case RequestBinder.Items items -> {
                    String json = BoundConstant.json(items.items());
                    String each = scope.join(items.joinKey(),
                            a -> SqlFragment.of("LEFT JOIN json_each(?) AS " + quote(a), json));
                    yield FilterTerm.column(SqlFragment.of(quote(each) + ".\"value\""), true);
                }
                case RequestBinder.Changed changed -> {
                    FilterTerm stored = identifier(changed.storedField(id), scope);
                    if (!changed.wasSubmitted()) {
                        yield FilterTerm.constant(0L, "0");
                    }
                    SqlFragment differs = FilterComparisons.equality(false,
                            FilterTerm.constant(BoundConstant.of(changed.submitted(), false)), stored);
                    yield FilterTerm.column(SqlFragment.of("(CASE WHEN ").then(differs, " THEN 1 ELSE 0 END)"), false);
                }
                case RequestBinder.Related rel -> {
                    Collection target = paths.related(rel.relation().collectionId(), id);
                    String key = rel.key();
                    String json = BoundConstant.json(rel.ids());
                    String each = scope.join(key + "[]", a -> SqlFragment.of("LEFT JOIN json_each(?) AS " + quote(a),
                            json));
                    String alias = scope.join(key, a -> joinTarget(target, a,
                            SqlFragment.of(quote(each) + ".\"value\"")));
                    yield fieldPath(target, alias, id, 3, scope, key + ".", 1, rel.relation().multiple());
                }
                case RequestBinder.AuthRow row -> {
                    String alias = scope.join(row.key(), a -> SqlFragment.of("LEFT JOIN " + quote(row.collection()
                            .name()) + " AS " + quote(a) + " ON " + quote(a) + ".\"id\" = ?", row.id()));
                    yield fieldPath(row.collection(), alias, id, 2, scope, row.key() + ".", 0, false);
                }
                // the full auth record is at hand here: an absent value is empty
                case RequestBinder.Unloaded u -> requestValue(id, u.asNull(), scope);
            };
        }

        private FilterTerm macro(Identifier id) {
            Object value = DateMacros.value(id, clock);
            return FilterTerm.constant(value, String.valueOf(value));
        }

        private FilterTerm function(FunctionCall f, FilterJoins scope) {
            List<Operand> args = f.arguments();
            switch (f.name()) {
                case "geoDistance" -> {
                    if (args.size() != 4) {
                        throw new BadRequest("geoDistance needs 4 arguments", f.position());
                    }
                    List<SqlFragment> a = new ArrayList<>();
                    for (Operand arg : args) {
                        if (!(arg instanceof Identifier || arg instanceof Literal.Number)) {
                            throw new BadRequest("geoDistance takes identifiers or numbers", arg.position());
                        }
                        a.add(SqlFragment.of("radians(").then(operand(arg, scope).sql(), ")"));
                    }
                    // spherical law of cosines, clamped against rounding just outside [-1, 1]
                    SqlFragment cos = SqlFragment.of("cos(").then(a.get(1), ") * cos(", a.get(3), ") * cos(",
                            a.get(2), " - ", a.get(0), ") + sin(", a.get(1), ") * sin(", a.get(3), ")");
                    return FilterTerm.json(SqlFragment.of("(6371 * acos(max(-1, min(1, ").then(cos, "))))"), false);
                }
                case "strftime" -> {
                    if (args.isEmpty() || args.size() > 10) {
                        throw new BadRequest("strftime takes 1 to 10 arguments", f.position());
                    }
                    List<SqlFragment> a = new ArrayList<>();
                    boolean multi = false;
                    for (int i = 0; i < args.size(); i++) {
                        Operand arg = args.get(i);
                        boolean textOnly = i != 1;
                        if (textOnly && !(arg instanceof Literal.Text)) {
                            throw new BadRequest("strftime format and modifiers must be texts", arg.position());
                        }
                        if (arg instanceof FunctionCall) {
                            throw new BadRequest("strftime takes no function arguments", arg.position());
                        }
                        FilterTerm t = operand(arg, scope);
                        multi |= t.multi();
                        a.add(t.sql());
                    }
                    return FilterTerm.column(SqlFragment.of("strftime(").then(SqlFragment.join(", ", a), ")"), multi);
                }
                default -> throw new BadRequest("unknown function \"" + f.name() + "\"", f.position());
            }
        }
    }

    // --- value helpers ------------------------------------------------------------------------------

    /** A stored multi-value as a JSON array json_each can walk, whatever the cell holds. */
    private static String jsonArray(String column) {
        return "CASE WHEN json_valid(" + column + ") AND json_type(" + column + ") = 'array' THEN " + column
                + " WHEN " + column + " IS NULL OR " + column + " = '' THEN '[]' ELSE json_array(" + column + ") END";
    }

    private static String jsonPath(List<String> segments) {
        StringBuilder sb = new StringBuilder("$");
        for (String seg : segments) {
            if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(seg).append(']');
            } else {
                sb.append(".\"").append(seg.replace("\"", "")).append('"');
            }
        }
        return sb.toString();
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
