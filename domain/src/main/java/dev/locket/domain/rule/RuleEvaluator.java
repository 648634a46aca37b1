package dev.locket.domain.rule;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.EditorField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.field.UrlField;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.GeoPoint;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.SqlValue.Affinity;
import dev.locket.domain.rule.SqlValue.Truth;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides an API rule for one record snapshot and request without a database, with the semantics of the
 * SQL translation (SQLite comparisons and affinities, NULL/'' equality, LIKE, the "every value" meaning of
 * plain operators on multi-valued operands). Whatever needs rows outside the record (relation hops other
 * than a single relation's {@code .id}, back-relations, {@code @collection}, {@code strftime}, auth fields
 * the given auth record lacks, submitted relation traversal) makes the answer {@link Decision#NEEDS_STORE}
 * unless the rest of the expression already decides it. Immutable and safe to share between threads.
 *
 * <p>The shared case table ({@code rules/cases.json} in the domain's test resources) and a randomized
 * agreement test hold this class and the SQLite translation to the same answers.
 */
public final class RuleEvaluator {

    private static final int MAX_RELATION_HOPS = 6;
    private static final Pattern BACK_RELATION = Pattern.compile("^(\\w+)_via_(\\w+)$");
    /** Beyond this many joined-row combinations the database is asked instead (SQLite would loop too). */
    private static final long MAX_COMBINATIONS = 200_000;

    private final Function<String, Optional<Collection>> collections;
    private final Clock clock;

    /**
     * @param collections finds a collection by id or name (for relation targets, back-relations and
     *                    {@code @collection}, which are only validated, never read)
     * @param clock       the time of the datetime macros
     */
    public RuleEvaluator(Function<String, Optional<Collection>> collections, Clock clock) {
        this.collections = Objects.requireNonNull(collections);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Applies an API rule as the services do: superusers pass, locked rules deny everybody else. */
    public Decision evaluate(Collection collection, Record record, RequestInfo request, AccessRule rule) {
        RequestInfo req = request == null ? RequestInfo.guest() : request;
        if (req.isSuperuser()) {
            return Decision.ALLOW;
        }
        return switch (rule) {
            case AccessRule.Locked l -> Decision.DENY;
            case AccessRule.Public p -> Decision.ALLOW;
            case AccessRule.Filter f -> evaluate(collection, record, req, f.expression());
        };
    }

    /**
     * Evaluates rule source text (a blank rule allows).
     *
     * @throws BadRequest when the rule does not parse or does not resolve against the schema
     */
    public Decision evaluate(Collection collection, Record record, RequestInfo request, String rule) {
        if (rule == null || rule.isBlank()) {
            return Decision.ALLOW;
        }
        return evaluate(collection, record, request, RuleParser.parseRule(rule));
    }

    /**
     * Evaluates a parsed expression against {@code record} of {@code collection}.
     *
     * @throws BadRequest when a path does not resolve (unknown field, bad modifier, …), as the SQL translation
     */
    public Decision evaluate(Collection collection, Record record, RequestInfo request, Expr expr) {
        return decide(collection, record, request, expr, true);
    }

    /**
     * Evaluates a non-superuser's client filter (e.g. a realtime subscription's {@code filter}) as the SQL
     * translation treats one: the {@link RuleParser#MAX_FILTER_BYTES} limit applies, hidden fields and
     * collections without list access are rejected, and auth emails only match where they are public.
     * A blank filter allows.
     *
     * @throws BadRequest when the filter does not parse, does not resolve or reaches hidden data
     */
    public Decision evaluateClientFilter(Collection collection, Record record, RequestInfo request, String filter) {
        if (filter == null || filter.isBlank()) {
            return Decision.ALLOW;
        }
        return decide(collection, record, request, RuleParser.parse(filter), false);
    }

    private Decision decide(Collection collection, Record record, RequestInfo request, Expr expr,
                            boolean allowHidden) {
        Objects.requireNonNull(expr);
        Evaluation e = new Evaluation(collection, record, request == null ? RequestInfo.guest() : request,
                allowHidden);
        Node root = e.compile(expr);
        List<String> keys = new ArrayList<>(e.joins.keySet());
        long combinations = 1;
        for (String key : keys) {
            combinations *= e.joins.get(key).size();
            if (combinations > MAX_COMBINATIONS) {
                return Decision.NEEDS_STORE;
            }
        }
        // The translation wraps the filter in EXISTS over its joins (LEFT JOINs: at least one row), so the
        // rule holds when one combination of joined rows satisfies it.
        boolean possible = false;
        int[] index = new int[keys.size()];
        Map<String, Integer> env = new HashMap<>();
        while (true) {
            for (int i = 0; i < keys.size(); i++) {
                env.put(keys.get(i), index[i]);
            }
            int outcome = root.eval(env);
            if (outcome == Truth.T) {
                return Decision.ALLOW;
            }
            possible |= (outcome & Truth.T) != 0;
            if (!advance(index, keys, e.joins)) {
                break;
            }
        }
        return possible ? Decision.NEEDS_STORE : Decision.DENY;
    }

    private static boolean advance(int[] index, List<String> keys, Map<String, List<SqlValue>> joins) {
        for (int i = 0; i < index.length; i++) {
            if (++index[i] < joins.get(keys.get(i)).size()) {
                return true;
            }
            index[i] = 0;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------

    /** How an operand compares (the SQL translation's kinds). */
    private enum Kind {
        /** A column or computed value: NULL and '' compare equal through COALESCE. */
        COLUMN,
        /** A JSON value or geoDistance: compared with IS / IS NOT. */
        JSON,
        /** A bound value known up front. */
        STATIC
    }

    /** A compiled expression: its outcome (a {@link Truth} set) for one choice of joined rows. */
    private interface Node {
        int eval(Map<String, Integer> env);
    }

    /**
     * A resolved operand. {@code store} operands are unknown here; {@code joins} are the local joined
     * value lists ({@code :each}) the value depends on.
     */
    private record Term(Kind kind, Function<Map<String, Integer>, SqlValue> value, boolean multi, boolean store,
                        Object constant, String likeText, Set<String> joins, boolean guard) {

        Term(Kind kind, Function<Map<String, Integer>, SqlValue> value, boolean multi, boolean store,
             Object constant, String likeText, Set<String> joins) {
            this(kind, value, multi, store, constant, likeText, joins, true);
        }

        static Term store(boolean multi) {
            return new Term(Kind.COLUMN, env -> SqlValue.NULL, multi, true, null, null, Set.of());
        }

        static Term column(SqlValue v, boolean multi) {
            return new Term(Kind.COLUMN, env -> v, multi, false, null, null, Set.of());
        }

        static Term json(Function<Map<String, Integer>, SqlValue> v, boolean multi, Set<String> joins) {
            return new Term(Kind.JSON, v, multi, false, null, null, joins);
        }

        static Term constant(Object value, String likeText) {
            SqlValue v = SqlValue.of(value);
            return new Term(Kind.STATIC, env -> v, false, false, value, likeText, Set.of());
        }

        /** The same operand with an extra condition every comparison using it must meet. */
        Term guarded(boolean holds) {
            return new Term(kind, value, multi, store, constant, likeText, joins, guard && holds);
        }

        boolean isEmpty() {
            return kind == Kind.STATIC && (constant == null || "".equals(constant));
        }

        boolean isKnownNonEmpty() {
            return kind == Kind.STATIC && !isEmpty();
        }

        SqlValue at(Map<String, Integer> env) {
            return value.apply(env);
        }
    }

    /** The state of evaluating one expression for one record. */
    private final class Evaluation {
        private final Collection root;
        private final Record record;
        private final RequestInfo request;
        private final boolean allowHidden;
        /** Local joined value lists by the translation's join key (each has at least one row). */
        final Map<String, List<SqlValue>> joins = new LinkedHashMap<>();

        Evaluation(Collection root, Record record, RequestInfo request, boolean allowHidden) {
            this.root = root;
            this.record = record;
            this.request = request;
            this.allowHidden = allowHidden;
        }

        Node compile(Expr expr) {
            return switch (expr) {
                case Expr.And a -> {
                    Node l = compile(a.left());
                    Node r = compile(a.right());
                    yield env -> {
                        int x = l.eval(env);
                        return x == Truth.F ? Truth.F : Truth.and(x, r.eval(env));
                    };
                }
                case Expr.Or o -> {
                    Node l = compile(o.left());
                    Node r = compile(o.right());
                    yield env -> {
                        int x = l.eval(env);
                        return x == Truth.T ? Truth.T : Truth.or(x, r.eval(env));
                    };
                }
                case Expr.Compare c -> compare(c);
            };
        }

        private Node compare(Expr.Compare c) {
            Term left = operand(c.left());
            Term right = operand(c.right());
            if (left.store() || right.store()) {
                return env -> Truth.ANY;
            }
            Operator op = c.operator().base();
            boolean every = !c.operator().anyOf() && (left.multi() || right.multi());
            if (!left.guard() || !right.guard()) {
                return env -> Truth.F;
            }
            // "every value": no pair of independently joined rows may make the condition false; that does not
            // depend on the row at hand, so it is worked out once
            Boolean[] violated = new Boolean[1];
            return env -> {
                int cond = condition(op, left, right, left.at(env), right.at(env));
                if (!every || cond == Truth.F) {
                    return cond;
                }
                if (violated[0] == null) {
                    violated[0] = violated(op, left, right);
                }
                return Truth.and(cond, violated[0] ? Truth.F : Truth.T);
            };
        }

        private boolean violated(Operator op, Term left, Term right) {
            List<Map<String, Integer>> ls = envs(left.joins());
            List<Map<String, Integer>> rs = envs(right.joins());
            for (Map<String, Integer> le : ls) {
                SqlValue lv = left.at(le);
                for (Map<String, Integer> re : rs) {
                    if (condition(op, left, right, lv, right.at(re)) == Truth.F) {
                        return true;
                    }
                }
            }
            return false;
        }

        private List<Map<String, Integer>> envs(Set<String> keys) {
            List<Map<String, Integer>> out = new ArrayList<>();
            out.add(Map.of());
            for (String key : keys) {
                List<Map<String, Integer>> next = new ArrayList<>();
                int rows = joins.get(key).size();
                for (Map<String, Integer> env : out) {
                    for (int i = 0; i < rows; i++) {
                        Map<String, Integer> m = new HashMap<>(env);
                        m.put(key, i);
                        next.add(m);
                    }
                }
                out = next;
            }
            return out;
        }

        private int condition(Operator op, Term l, Term r, SqlValue lv, SqlValue rv) {
            return switch (op) {
                case EQ -> equality(true, l, r, lv, rv);
                case NEQ -> equality(false, l, r, lv, rv);
                case GT -> SqlValue.compare(lv, rv, ">");
                case GTE -> SqlValue.compare(lv, rv, ">=");
                case LT -> SqlValue.compare(lv, rv, "<");
                case LTE -> SqlValue.compare(lv, rv, "<=");
                case LIKE -> like(false, r, lv, rv);
                case NOT_LIKE -> like(true, r, lv, rv);
                case ANY_EQ, ANY_NEQ, ANY_GT, ANY_GTE, ANY_LT, ANY_LTE, ANY_LIKE, ANY_NOT_LIKE ->
                        condition(op.base(), l, r, lv, rv);
            };
        }

        /** PocketBase's NULL-equals-'' equality, as the translation writes it. */
        private int equality(boolean equal, Term l, Term r, SqlValue lv, SqlValue rv) {
            if (l.kind() == Kind.JSON || r.kind() == Kind.JSON) {
                int is = SqlValue.is(lv, rv);
                return equal ? is : Truth.not(is);
            }
            if (l.isEmpty() && r.isEmpty()) {
                return Truth.of(equal);
            }
            if (l.isKnownNonEmpty() || r.isKnownNonEmpty()) {
                SqlValue a = l.isEmpty() ? SqlValue.EMPTY : lv;
                SqlValue b = r.isEmpty() ? SqlValue.EMPTY : rv;
                return equal ? SqlValue.compare(a, b, "=") : Truth.not(SqlValue.is(a, b));
            }
            if (l.isEmpty() || r.isEmpty()) {
                SqlValue other = l.isEmpty() ? rv : lv;
                return equal
                        ? Truth.or(SqlValue.compare(other, SqlValue.EMPTY, "="), Truth.of(other.isNull()))
                        : Truth.and(Truth.not(SqlValue.is(other, SqlValue.EMPTY)), Truth.of(!other.isNull()));
            }
            SqlValue a = lv.isNull() ? SqlValue.EMPTY : SqlValue.of(lv.value());
            SqlValue b = rv.isNull() ? SqlValue.EMPTY : SqlValue.of(rv.value());
            return equal ? SqlValue.compare(a, b, "=") : Truth.not(SqlValue.is(a, b));
        }

        /** {@code ~}: a bound value without an unescaped % becomes an escaped %value% substring pattern. */
        private int like(boolean negate, Term r, SqlValue lv, SqlValue rv) {
            int result;
            if (r.kind() == Kind.STATIC && r.constant() == null) {
                return Truth.N;
            } else if (r.kind() == Kind.STATIC) {
                String text = r.likeText() == null ? "" : r.likeText();
                String pattern = hasUnescapedPercent(text) ? text : "%" + escapeLike(text) + "%";
                result = SqlValue.like(lv.value(), pattern);
            } else {
                String right = SqlValue.text(rv.value());
                result = SqlValue.like(lv.value(), right == null ? null : "%" + right + "%");
            }
            return negate ? Truth.not(result) : result;
        }

        // --- operands ------------------------------------------------------------------------------

        private Term operand(Operand operand) {
            return switch (operand) {
                case Literal.Text t -> Term.constant(t.value(), t.value());
                case Literal.Number n -> Term.constant(n.value(), n.source());
                case Literal.Bool b -> Term.constant(b.value() ? 1L : 0L, b.value() ? "1" : "0");
                case Literal.Null n -> Term.constant(null, "");
                case Identifier id -> identifier(id);
                case FunctionCall f -> function(f);
            };
        }

        private Term identifier(Identifier id) {
            String head = id.head();
            if (head.equals("@request")) {
                return requestValue(id);
            }
            if (head.equals("@collection")) {
                return collectionPath(id);
            }
            if (head.startsWith("@")) {
                if (id.path().size() == 1 && id.modifier().isEmpty()) {
                    return macro(id);
                }
                throw new BadRequest("unknown identifier \"" + id.source() + "\"", id.position());
            }
            if (root.field(head).isEmpty() && !head.equals("id") && id.keyword().isPresent()) {
                return operand(id.keyword().get());
            }
            return fieldPath(root, true, id, 0, "", 0, false);
        }

        /**
         * Resolves {@code id.path()[index..]} against {@code collection}; {@code local} when that collection's
         * row is the record itself (otherwise only validated: the value needs the store).
         */
        private Term fieldPath(Collection collection, boolean local, Identifier id, int index, String key,
                               int hops, boolean multi) {
            String name = id.path().get(index);
            boolean last = index == id.path().size() - 1;
            Optional<Field> found = collection.field(name);
            if (found.isEmpty()) {
                Matcher via = BACK_RELATION.matcher(name);
                if (via.matches() && !last) {
                    return backRelation(collection, id, index, hops, via);
                }
                if (!name.equals("id")) {
                    throw new BadRequest("unknown field \"" + name + "\"", id.position());
                }
            }
            Field field = found.orElse(null);
            if (field != null && field.hidden() && !allowHidden) {
                throw new BadRequest("hidden field \"" + name + "\" cannot be filtered", id.position());
            }
            if (last) {
                Term term = lastField(field, name, local, id, key + name, multi);
                if (collection instanceof AuthCollection && field != null && field.name().equals("email")
                        && !allowHidden && local) {
                    // upstream: non-superuser filters only see emails their owners made public
                    term = term.guarded(Boolean.TRUE.equals(record.get("emailVisibility")));
                }
                return term;
            }
            if (field instanceof RelationField rel) {
                if (hops >= MAX_RELATION_HOPS) {
                    throw new BadRequest("too many relation hops", id.position());
                }
                Collection target = related(rel.collectionId(), id);
                boolean nextIsLastId = index + 1 == id.path().size() - 1 && id.path().get(index + 1).equals("id")
                        && id.modifier().isEmpty();
                if (nextIsLastId && !rel.multiple()) {
                    // upstream: rel.id of a single relation is just the stored id
                    return local ? Term.column(stored(field), multi) : Term.store(multi);
                }
                fieldPath(target, false, id, index + 1, key + name + ".", hops + 1, multi || rel.multiple());
                return Term.store(multi || rel.multiple());
            }
            if (field instanceof JsonField || field instanceof GeoPointField) {
                if (!id.modifier().isEmpty() && !id.modifier().equals("lower")) {
                    throw new BadRequest("modifier :" + id.modifier() + " not allowed here", id.position());
                }
                if (!local) {
                    return Term.store(multi);
                }
                SqlValue column = stored(field);
                List<String> segments = id.path().subList(index + 1, id.path().size());
                boolean lower = id.modifier().equals("lower");
                SqlValue extracted = SqlFunctions.jsonExtract(column, segments);
                SqlValue v = lower ? SqlFunctions.lower(extracted) : extracted;
                return Term.json(env -> v, multi, Set.of());
            }
            throw new BadRequest("\"" + name + "\" is not a relation field", id.position());
        }

        private Term lastField(Field field, String name, boolean local, Identifier id, String key, boolean multi) {
            String modifier = id.modifier();
            boolean multiCapable = field instanceof SelectField || field instanceof RelationField
                    || field instanceof FileField;
            switch (modifier) {
                case "", "lower" -> {
                }
                case "each" -> {
                    if (!multiCapable) {
                        throw new BadRequest(":each needs a select, relation or file field", id.position());
                    }
                }
                case "length" -> {
                    if (!multiCapable) {
                        throw new BadRequest(":length needs a select, relation or file field", id.position());
                    }
                }
                default -> throw new BadRequest("modifier :" + modifier + " is only allowed on @request values",
                        id.position());
            }
            if (!local) {
                return Term.store(multi || modifier.equals("each") && field.multiple());
            }
            SqlValue column = field == null ? new SqlValue(record.id(), Affinity.TEXT) : stored(field);
            return switch (modifier) {
                case "" -> {
                    if (field instanceof JsonField || field instanceof GeoPointField) {
                        // a whole json value compares as extracted JSON, so a stored text null is NULL
                        SqlValue v = JsonTree.parse(SqlValue.text(column.value())) == null
                                ? SqlValue.of(column.value()) : SqlFunctions.jsonExtract(column, List.of());
                        yield Term.json(env -> v, multi, Set.of());
                    }
                    yield Term.column(column, multi);
                }
                case "lower" -> Term.column(SqlFunctions.lower(column), multi);
                case "each" -> {
                    if (!field.multiple()) {
                        yield Term.column(column, multi);
                    }
                    String joinKey = key + ":each";
                    joins.putIfAbsent(joinKey, SqlFunctions.rows(SqlFunctions.arrayItems(column)));
                    yield new Term(Kind.COLUMN, env -> joins.get(joinKey).get(env.getOrDefault(joinKey, 0)), true,
                            false, null, null, Set.of(joinKey));
                }
                default -> {
                    // :length
                    long n = field.multiple() ? SqlFunctions.arrayItems(column).size()
                            : column.isNull() || "".equals(column.value()) ? 0 : 1;
                    yield Term.column(SqlValue.of(n), multi);
                }
            };
        }

        private Term backRelation(Collection collection, Identifier id, int index, int hops, Matcher via) {
            if (hops >= MAX_RELATION_HOPS) {
                throw new BadRequest("too many relation hops", id.position());
            }
            Collection source = collections.apply(via.group(1))
                    .orElseThrow(() -> new BadRequest("unknown collection \"" + via.group(1) + "\"", id.position()));
            String relName = via.group(2);
            if (!(source.field(relName).orElse(null) instanceof RelationField rel)
                    || !rel.collectionId().equals(collection.id())) {
                throw new BadRequest("\"" + relName + "\" is not a relation to " + collection.name(), id.position());
            }
            if (rel.hidden() && !allowHidden) {
                throw new BadRequest("hidden field \"" + relName + "\" cannot be filtered", id.position());
            }
            checkListAccess(source, id);
            fieldPath(source, false, id, index + 1, "", hops + 1, true);
            return Term.store(true);
        }

        private Term collectionPath(Identifier id) {
            if (id.path().size() < 3) {
                throw new BadRequest("@collection needs a collection and a field", id.position());
            }
            String name = id.path().get(1);
            Collection target = collections.apply(name)
                    .orElseThrow(() -> new BadRequest("unknown collection \"" + name + "\"", id.position()));
            fieldPath(target, false, id, 2, "", 0, true);
            return Term.store(true);
        }

        private Collection related(String collectionId, Identifier id) {
            Collection target = collections.apply(collectionId)
                    .orElseThrow(() -> new BadRequest("missing related collection", id.position()));
            checkListAccess(target, id);
            return target;
        }

        private void checkListAccess(Collection target, Identifier id) {
            if (!allowHidden && target.rules().list() instanceof AccessRule.Locked) {
                throw new BadRequest("no list access to \"" + target.name() + "\"", id.position());
            }
        }

        /** The record's value of a field as its column holds it (PocketBase's column types and affinities). */
        private SqlValue stored(Field field) {
            Object value = record.values().containsKey(field.name()) ? record.get(field.name()) : field.zero();
            return switch (field) {
                case TextField t -> text(value);
                case EmailField e -> text(value);
                case UrlField u -> text(value);
                case EditorField e -> text(value);
                case DateField d -> text(value);
                case AutodateField a -> text(value);
                case PasswordField p -> text(value);
                case NumberField n -> new SqlValue(SqlValue.numericStorage(
                        value instanceof Number num ? num.doubleValue() : 0.0d), Affinity.NUMERIC);
                case BoolField b -> new SqlValue(Boolean.TRUE.equals(value) ? 1L : 0L, Affinity.NUMERIC);
                case SelectField s -> s.multiple() ? jsonList(value) : text(value);
                case RelationField r -> r.multiple() ? jsonList(value) : text(value);
                case FileField f -> f.multiple() ? jsonList(value) : text(value);
                case JsonField j -> new SqlValue(value instanceof RawJson rj
                        ? SqlValue.numericStorage(rj.text()) : null, Affinity.NUMERIC);
                case GeoPointField g -> new SqlValue(geoJson(value instanceof GeoPoint p ? p : GeoPoint.ZERO),
                        Affinity.NUMERIC);
            };
        }

        private static SqlValue text(Object value) {
            return new SqlValue(value == null ? "" : value.toString(), Affinity.TEXT);
        }

        private static SqlValue jsonList(Object value) {
            List<?> list = value instanceof List<?> l ? l
                    : value == null || "".equals(value) ? List.of() : List.of(value.toString());
            return new SqlValue(BoundJson.write(list), Affinity.NUMERIC);
        }

        private static String geoJson(GeoPoint p) {
            return "{\"lon\":" + whole(p.lon()) + ",\"lat\":" + whole(p.lat()) + "}";
        }

        private static String whole(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }

        // --- @request, macros, functions -----------------------------------------------------------

        private Term requestValue(Identifier id) {
            List<String> path = id.path();
            if (path.size() < 2) {
                throw new BadRequest("incomplete @request identifier", id.position());
            }
            String area = path.get(1);
            switch (area) {
                case "method", "context" -> {
                    if (path.size() != 2) {
                        throw new BadRequest("unknown identifier \"" + id.source() + "\"", id.position());
                    }
                    String v = area.equals("method") ? request.method() : request.context();
                    return staticValue(id, v, true);
                }
                case "headers", "query" -> {
                    if (path.size() != 3) {
                        throw new BadRequest("unknown identifier \"" + id.source() + "\"", id.position());
                    }
                    Map<String, String> map = area.equals("headers") ? request.headers() : request.query();
                    return staticValue(id, map.get(path.get(2)), map.containsKey(path.get(2)));
                }
                case "body" -> {
                    return bodyValue(id);
                }
                case "auth" -> {
                    return authValue(id);
                }
                default -> throw new BadRequest("unknown identifier \"" + id.source() + "\"", id.position());
            }
        }

        private Term bodyValue(Identifier id) {
            List<String> path = id.path();
            if (path.size() < 3) {
                throw new BadRequest("incomplete @request.body identifier", id.position());
            }
            String key = path.get(2);
            Map<String, Object> body = request.body();
            Object value = body.get(key);
            Optional<Field> field = root.field(key);
            if (id.modifier().equals("changed")) {
                if (path.size() != 3 || field.isEmpty()) {
                    throw new BadRequest(":changed needs a field of the collection", id.position());
                }
                // resolved first so a hidden field is rejected whether or not it was submitted
                Term current = identifier(new Identifier(key, List.of(key), "", "", id.position()));
                if (!body.containsKey(key)) {
                    return Term.constant(0L, "0");
                }
                // shorthand for "@request.body.f:isset = true && @request.body.f != f"
                Term submitted = constant(value, false);
                int differs = equality(false, submitted, current, submitted.at(Map.of()), current.at(Map.of()));
                return Term.column(SqlValue.of(differs == Truth.T ? 1L : 0L), false);
            }
            if (path.size() > 3 && field.isPresent() && field.get() instanceof RelationField rel) {
                return submittedRelation(rel, id);
            }
            return nestedStatic(id, value, body.containsKey(key));
        }

        private Term authValue(Identifier id) {
            List<String> path = id.path();
            if (path.size() < 3) {
                throw new BadRequest("incomplete @request.auth identifier", id.position());
            }
            Optional<Record> auth = request.auth();
            String key = path.get(2);
            if (auth.isEmpty()) {
                if (id.modifier().equals("isset") || id.modifier().equals("changed")) {
                    throw new BadRequest("modifier :" + id.modifier() + " not allowed on @request.auth",
                            id.position());
                }
                return id.modifier().equals("length") ? Term.constant(0L, "0") : Term.constant(null, "");
            }
            Record user = auth.get();
            boolean tokenField = key.equals("collectionId") || key.equals("collectionName") || key.equals("id");
            Object value = switch (key) {
                case "collectionId" -> user.collection().id();
                case "collectionName" -> user.collection().name();
                case "id" -> user.id();
                default -> user.get(key);
            };
            Optional<Field> field = user.collection().field(key);
            if (path.size() > 3 && field.isPresent() && field.get() instanceof RelationField rel) {
                return submittedRelation(rel, id);
            }
            if (id.modifier().equals("isset") || id.modifier().equals("changed")) {
                throw new BadRequest("modifier :" + id.modifier() + " not allowed on @request.auth", id.position());
            }
            if (!tokenField && field.isPresent() && !user.values().containsKey(key)) {
                // the auth record at hand lacks a field its collection has: only the store knows it
                return Term.store(false);
            }
            // a field the auth record's collection lacks reads as NULL
            return nestedStatic(id, value, true);
        }

        /** Relation traversal from ids known up front: validated here, answered by the store. */
        private Term submittedRelation(RelationField rel, Identifier id) {
            Collection target = related(rel.collectionId(), id);
            fieldPath(target, false, id, 3, "", 1, rel.multiple());
            return Term.store(rel.multiple());
        }

        /** A static value, possibly addressed deeper with dots; applies the @request modifiers. */
        private Term nestedStatic(Identifier id, Object value, boolean present) {
            Object v = value;
            for (int i = 3; i < id.path().size(); i++) {
                String seg = id.path().get(i);
                if (v instanceof RawJson raw) {
                    v = parseJson(raw.text());
                }
                if (v instanceof GeoPoint g) {
                    v = geoMap(g);
                }
                if (v instanceof Map<?, ?> m) {
                    present = present && m.containsKey(seg);
                    v = m.get(seg);
                } else if (v instanceof List<?> l && seg.chars().allMatch(Character::isDigit) && seg.length() < 9) {
                    int n = Integer.parseInt(seg);
                    present = present && n < l.size();
                    v = n < l.size() ? l.get(n) : null;
                } else {
                    present = false;
                    v = null;
                }
            }
            return switch (id.modifier()) {
                case "length" -> Term.constant((long) (v instanceof List<?> l ? l.size()
                        : v == null || "".equals(v) ? 0 : 1), null);
                case "each" -> {
                    if (v instanceof List<?> l) {
                        // each submitted item becomes a joined row, like json_each over the value
                        String joinKey = "@request:" + String.join(".", id.path()) + ":each";
                        JsonTree.Node arr = JsonTree.parse(BoundJson.write(l));
                        List<SqlValue> items = new ArrayList<>();
                        if (arr instanceof JsonTree.Arr a) {
                            a.items().forEach(n -> items.add(new SqlValue(JsonTree.sqlValue(n), Affinity.BLOB)));
                        }
                        joins.putIfAbsent(joinKey, SqlFunctions.rows(items));
                        yield new Term(Kind.COLUMN, env -> joins.get(joinKey).get(env.getOrDefault(joinKey, 0)),
                                true, false, null, null, Set.of(joinKey));
                    }
                    // a single (or absent) value is its own only item
                    yield constant(v, false);
                }
                default -> staticValue(id, v, present);
            };
        }

        private Term staticValue(Identifier id, Object value, boolean present) {
            return switch (id.modifier()) {
                case "" -> constant(value, false);
                case "lower" -> constant(value, true);
                case "isset" -> Term.constant(present ? 1L : 0L, present ? "1" : "0");
                default -> throw new BadRequest("modifier :" + id.modifier() + " not allowed here", id.position());
            };
        }

        private Term macro(Identifier id) {
            Object value = DateMacros.value(id, clock);
            return Term.constant(value, String.valueOf(value));
        }

        private Term function(FunctionCall f) {
            List<Operand> args = f.arguments();
            switch (f.name()) {
                case "geoDistance" -> {
                    if (args.size() != 4) {
                        throw new BadRequest("geoDistance needs 4 arguments", f.position());
                    }
                    List<Term> a = new ArrayList<>();
                    Set<String> deps = new LinkedHashSet<>();
                    boolean store = false;
                    for (Operand arg : args) {
                        if (!(arg instanceof Identifier || arg instanceof Literal.Number)) {
                            throw new BadRequest("geoDistance takes identifiers or numbers", arg.position());
                        }
                        Term t = operand(arg);
                        store |= t.store();
                        deps.addAll(t.joins());
                        a.add(t);
                    }
                    if (store) {
                        return Term.store(false);
                    }
                    return Term.json(env -> SqlFunctions.geoDistance(a.get(0).at(env), a.get(1).at(env), a.get(2).at(env),
                            a.get(3).at(env)), false, deps);
                }
                case "strftime" -> {
                    if (args.isEmpty() || args.size() > 10) {
                        throw new BadRequest("strftime takes 1 to 10 arguments", f.position());
                    }
                    boolean multi = false;
                    List<Term> terms = new ArrayList<>();
                    for (int i = 0; i < args.size(); i++) {
                        Operand arg = args.get(i);
                        if (i != 1 && !(arg instanceof Literal.Text)) {
                            throw new BadRequest("strftime format and modifiers must be texts", arg.position());
                        }
                        if (arg instanceof FunctionCall) {
                            throw new BadRequest("strftime takes no function arguments", arg.position());
                        }
                        Term t = operand(arg);
                        multi |= t.multi();
                        terms.add(t);
                    }
                    return strftime(args, terms, multi);
                }
                default -> throw new BadRequest("unknown function \"" + f.name() + "\"", f.position());
            }
        }

        /** SQLite's strftime where {@link SqliteDates} reproduces it for every value it may see, else the store. */
        private Term strftime(List<Operand> args, List<Term> terms, boolean multi) {
            if (args.size() < 2 || terms.get(1).store()) {
                return Term.store(multi);   // no time value means SQLite's own 'now'
            }
            String format = ((Literal.Text) args.get(0)).value();
            List<String> modifiers = args.subList(2, args.size()).stream()
                    .map(a -> ((Literal.Text) a).value()).toList();
            if (!SqliteDates.supported(format, modifiers)) {
                return Term.store(multi);
            }
            Term time = terms.get(1);
            for (Map<String, Integer> env : envs(time.joins())) {
                if (SqliteDates.strftime(format, time.at(env).value(), modifiers) == SqliteDates.UNKNOWN) {
                    return Term.store(multi);
                }
            }
            return new Term(Kind.COLUMN, env -> SqlValue.of(SqliteDates.strftime(format, time.at(env).value(),
                    modifiers)), multi, false, null, null, time.joins());
        }
    }

    // --- value helpers ------------------------------------------------------------------------------

    /** A canonical JDK value as the translation binds it (bool 1/0, number REAL, lists/maps as JSON text). */
    private static Term constant(Object value, boolean lower) {
        Object param = switch (value) {
            case null -> null;
            case Boolean b -> b ? 1L : 0L;
            case Number n -> n.doubleValue();
            case String s -> s;
            case RawJson j -> j.text();
            case GeoPoint g -> BoundJson.write(geoMap(g));
            case List<?> l -> BoundJson.write(l);
            case Map<?, ?> m -> BoundJson.write(m);
            default -> String.valueOf(value);
        };
        if (lower && param instanceof String s) {
            param = SqlValue.asciiLower(s);
        }
        String likeText = param instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                ? String.valueOf(d.longValue()) : param == null ? "" : String.valueOf(param);
        return Term.constant(param, likeText);
    }

    private static Map<String, Object> geoMap(GeoPoint g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lon", g.lon());
        m.put("lat", g.lat());
        return m;
    }

    private static Object parseJson(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hasUnescapedPercent(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '%') {
                return true;
            }
        }
        return false;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
