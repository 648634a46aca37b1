package dev.locket.domain.rule;

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
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.value.JsonTree;
import dev.locket.domain.rule.value.RuleDates;
import dev.locket.domain.rule.value.RuleFunctions;
import dev.locket.domain.rule.value.RuleValue.Affinity;
import dev.locket.domain.rule.value.RuleValue.Truth;
import dev.locket.domain.rule.value.RuleValue;
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
        RequestInfo req = RequestInfo.orGuest(request);
        if (req.isSuperuser()) {
            return Decision.ALLOW;
        }
        return switch (rule) {
            case AccessRule.Locked l -> Decision.DENY;
            case AccessRule.Public p -> Decision.ALLOW;
            case AccessRule.Filter f -> evaluate(collection, record, req, f.bound());
        };
    }

    /**
     * Evaluates rule source text (a blank rule allows).
     *
     * @throws BadRequest when the rule does not parse or does not resolve against the schema
     */
    public Decision evaluate(Collection collection, Record record, RequestInfo request, String rule) {
        return evaluate(collection, record, request, BoundFilter.rule(rule));
    }

    /**
     * Evaluates a parsed expression against {@code record} of {@code collection} as an API rule.
     *
     * @throws BadRequest when a path does not resolve (unknown field, bad modifier, …), as the SQL translation
     */
    public Decision evaluate(Collection collection, Record record, RequestInfo request, Expr expr) {
        return decide(collection, record, request, expr, true);
    }

    /**
     * Evaluates a bound rule or filter as the SQL translation applies it: a non-superuser's client filter
     * (e.g. a realtime subscription's {@code filter}) rejects hidden fields and collections without list
     * access, and auth emails only match where they are public. A blank filter allows.
     *
     * @throws BadRequest when the filter does not resolve or reaches hidden data
     */
    public Decision evaluate(Collection collection, Record record, RequestInfo request, BoundFilter filter) {
        if (filter.matchesAll()) {
            return Decision.ALLOW;
        }
        return decide(collection, record, request, filter.expr(), filter.allowHidden());
    }

    /**
     * A non-superuser's client filter from its text ({@link BoundFilter#client}); a blank filter allows.
     *
     * @throws BadRequest when the filter does not parse, does not resolve or reaches hidden data
     */
    public Decision evaluateClientFilter(Collection collection, Record record, RequestInfo request, String filter) {
        return evaluate(collection, record, request, BoundFilter.client(filter, false));
    }

    private Decision decide(Collection collection, Record record, RequestInfo request, Expr expr,
                            boolean allowHidden) {
        Objects.requireNonNull(expr);
        Evaluation e = new Evaluation(collection, record, RequestInfo.orGuest(request),
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

    private static boolean advance(int[] index, List<String> keys, Map<String, List<RuleValue>> joins) {
        for (int i = 0; i < index.length; i++) {
            if (++index[i] < joins.get(keys.get(i)).size()) {
                return true;
            }
            index[i] = 0;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------

    /** A compiled expression: its outcome (a {@link Truth} set) for one choice of joined rows. */
    private interface Node {
        int eval(Map<String, Integer> env);
    }

    /** The state of evaluating one expression for one record. */
    private final class Evaluation {
        private final Collection root;
        private final Record record;
        private final RequestInfo request;
        private final boolean allowHidden;
        private final PathBinder paths;
        /** Local joined value lists by the translation's join key (each has at least one row). */
        final Map<String, List<RuleValue>> joins = new LinkedHashMap<>();

        Evaluation(Collection root, Record record, RequestInfo request, boolean allowHidden) {
            this.root = root;
            this.record = record;
            this.request = request;
            this.allowHidden = allowHidden;
            this.paths = new PathBinder(collections, allowHidden);
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
                int cond = Comparisons.condition(op, left, right, left.at(env), right.at(env));
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
                RuleValue lv = left.at(le);
                for (Map<String, Integer> re : rs) {
                    if (Comparisons.condition(op, left, right, lv, right.at(re)) == Truth.F) {
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

        // --- operands ------------------------------------------------------------------------------

        private Term operand(Operand operand) {
            return switch (operand) {
                case Literal l -> Term.constant(BoundConstant.of(l));
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
            return switch (paths.step(collection, id, index, hops)) {
                case PathBinder.Leaf leaf -> {
                    Term term = lastField(leaf, local, id, key + leaf.name(), multi);
                    if (collection instanceof AuthCollection && leaf.name().equals("email") && leaf.field() != null
                            && !allowHidden && local) {
                        // upstream: non-superuser filters only see emails their owners made public
                        term = term.guarded(Boolean.TRUE.equals(record.get("emailVisibility")));
                    }
                    yield term;
                }
                case PathBinder.Hop hop -> {
                    if (hop.storedIdOnly()) {
                        yield local ? Term.column(ColumnValues.of(record, hop.relation()), multi) : Term.store(multi);
                    }
                    boolean many = multi || hop.relation().multiple();
                    fieldPath(hop.target(), false, id, index + 1, key + hop.relation().name() + ".", hops + 1, many);
                    yield Term.store(many);
                }
                case PathBinder.Via via -> {
                    fieldPath(via.source(), false, id, index + 1, "", hops + 1, true);
                    yield Term.store(true);
                }
                case PathBinder.Missing missing -> Term.constant(BoundConstant.of(null, false));
                case PathBinder.JsonPath json -> {
                    if (!local) {
                        yield Term.store(multi);
                    }
                    RuleValue v = RuleFunctions.jsonExtract(ColumnValues.of(record, json.field()), json.segments());
                    yield Term.json(env -> v, multi, Set.of());
                }
            };
        }

        private Term lastField(PathBinder.Leaf leaf, boolean local, Identifier id, String key, boolean multi) {
            String modifier = leaf.modifier();
            Field field = leaf.field();
            if (!local) {
                return Term.store(multi || modifier.equals("each") && field.multiple());
            }
            RuleValue column = field == null ? new RuleValue(record.id(), Affinity.TEXT) : ColumnValues.of(record, field);
            return switch (modifier) {
                case "" -> {
                    if (field instanceof JsonField || field instanceof GeoPointField) {
                        // a whole json value compares as extracted JSON, so a stored text null is NULL
                        RuleValue v = JsonTree.parse(RuleValue.text(column.value())) == null
                                ? RuleValue.of(column.value()) : RuleFunctions.jsonExtract(column, List.of());
                        yield Term.json(env -> v, multi, Set.of());
                    }
                    yield Term.column(column, multi);
                }
                case "lower" -> {
                    if (field instanceof JsonField) {
                        // upstream lowers the extracted json value and keeps comparing it without COALESCE
                        RuleValue v = RuleFunctions.lower(JsonTree.parse(RuleValue.text(column.value())) == null
                                ? RuleValue.of(column.value()) : RuleFunctions.jsonExtract(column, List.of()));
                        yield Term.json(env -> v, multi, Set.of());
                    }
                    yield Term.column(RuleFunctions.lower(column), multi);
                }
                case "each" -> {
                    if (!field.multiple()) {
                        yield Term.column(column, multi);
                    }
                    String joinKey = key + ":each";
                    joins.putIfAbsent(joinKey, RuleFunctions.rows(RuleFunctions.arrayItems(column)));
                    yield new Term(Term.Kind.COLUMN, env -> joins.get(joinKey).get(env.getOrDefault(joinKey, 0)), true,
                            false, null, null, Set.of(joinKey));
                }
                default -> {
                    // :length (the binder keeps no other modifier)
                    long n = field.multiple() ? RuleFunctions.arrayItems(column).size()
                            : column.isNull() || "".equals(column.value()) ? 0 : 1;
                    yield Term.column(RuleValue.of(n), multi);
                }
            };
        }

        private Term collectionPath(Identifier id) {
            fieldPath(paths.collection(id), false, id, 2, "", 0, true);
            return Term.store(true);
        }

        // --- @request, macros, functions -----------------------------------------------------------

        private Term requestValue(Identifier id) {
            return switch (RequestBinder.bind(id, root, request, allowHidden)) {
                case RequestBinder.Constant c -> Term.constant(c.constant()).guarded(c.visible());
                case RequestBinder.Count c -> Term.constant(c.count(), String.valueOf(c.count()));
                case RequestBinder.Items items -> {
                    JsonTree.Node arr = JsonTree.parse(BoundConstant.json(items.items()));
                    List<RuleValue> rows = new ArrayList<>();
                    if (arr instanceof JsonTree.Arr a) {
                        a.items().forEach(n -> rows.add(new RuleValue(JsonTree.sqlValue(n), Affinity.BLOB)));
                    }
                    String joinKey = items.joinKey();
                    joins.putIfAbsent(joinKey, RuleFunctions.rows(rows));
                    yield new Term(Term.Kind.COLUMN, env -> joins.get(joinKey).get(env.getOrDefault(joinKey, 0)),
                            true, false, null, null, Set.of(joinKey));
                }
                case RequestBinder.Changed changed -> {
                    Term current = identifier(changed.storedField(id));
                    if (!changed.wasSubmitted()) {
                        yield Term.constant(0L, "0");
                    }
                    Term submitted = Term.constant(BoundConstant.of(changed.submitted(), false));
                    int differs = Comparisons.equality(false, submitted, current, submitted.at(Map.of()), current.at(Map.of()));
                    yield Term.column(RuleValue.of(differs == Truth.T ? 1L : 0L), false);
                }
                case RequestBinder.Related rel -> {
                    // validated here, answered by the store
                    fieldPath(paths.related(rel.relation().collectionId(), id), false, id, 3, "", 1,
                            rel.relation().multiple());
                    yield Term.store(rel.relation().multiple());
                }
                case RequestBinder.AuthRow row -> {
                    // validated here, answered by the store
                    fieldPath(row.collection(), false, id, 2, "", 0, false);
                    yield Term.store(true);
                }
                case RequestBinder.Unloaded u -> Term.store(false);
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
                    return Term.json(env -> RuleFunctions.geoDistance(a.get(0).at(env), a.get(1).at(env), a.get(2).at(env),
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

        /** SQLite's strftime where {@link RuleDates} reproduces it for every value it may see, else the store. */
        private Term strftime(List<Operand> args, List<Term> terms, boolean multi) {
            if (args.size() < 2 || terms.get(1).store()) {
                return Term.store(multi);   // no time value means SQLite's own 'now'
            }
            String format = ((Literal.Text) args.get(0)).value();
            List<String> modifiers = args.subList(2, args.size()).stream()
                    .map(a -> ((Literal.Text) a).value()).toList();
            if (!RuleDates.supported(format, modifiers)) {
                return Term.store(multi);
            }
            Term time = terms.get(1);
            for (Map<String, Integer> env : envs(time.joins())) {
                if (RuleDates.strftime(format, time.at(env).value(), modifiers) == RuleDates.UNKNOWN) {
                    return Term.store(multi);
                }
            }
            return new Term(Term.Kind.COLUMN, env -> RuleValue.of(RuleDates.strftime(format, time.at(env).value(),
                    modifiers)), multi, false, null, null, time.joins());
        }
    }

}
