package dev.locket.application.fake;

import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link RecordStore} over maps, for application tests. Filters are decided by the domain's
 * {@link RuleEvaluator}; those it cannot decide from one record (relation hops, back-relations,
 * {@code @collection}) take the answer a test gave with {@link #answerRule}, else throw
 * {@link UnsupportedOperationException}. Sorts: own fields with an optional
 * {@code -}. Unique checks: {@code id}, and {@code email}/{@code tokenKey} of auth collections.
 */
public final class InMemoryRecordStore implements RecordStore, InMemoryTransactions.Snapshotting {
    private Map<String, LinkedHashMap<String, Record>> tables = new LinkedHashMap<>();
    private final RuleEvaluator evaluator;
    private final Map<String, Predicate<Record>> ruleAnswers = new LinkedHashMap<>();

    /** A store whose filters cannot name other collections (relation targets resolve to nothing). */
    public InMemoryRecordStore() {
        this(idOrName -> Optional.empty());
    }

    /** @param collections finds relation targets by id or name, as the collection store does */
    public InMemoryRecordStore(Function<String, Optional<Collection>> collections) {
        this.evaluator = new RuleEvaluator(collections, Clock.systemUTC());
    }

    private LinkedHashMap<String, Record> table(Collection c) {
        return tables.computeIfAbsent(c.id(), k -> new LinkedHashMap<>());
    }

    /**
     * Test setup: how the database would answer a rule filter that needs other rows (the fake has no joins),
     * for each stored record it is asked about.
     */
    public synchronized void answerRule(String filter, Predicate<Record> answer) {
        ruleAnswers.put(filter, answer);
    }

    /** Stores a record as is, without checks: test setup. */
    public synchronized Record put(Record record) {
        table(record.collection()).put(record.id(), record);
        return record;
    }

    public synchronized List<Record> all(Collection c) {
        return List.copyOf(table(c).values());
    }

    @Override
    public synchronized Optional<Record> find(Collection collection, String id) {
        return Optional.ofNullable(table(collection).get(id)).map(r -> rebind(collection, r));
    }

    @Override
    public synchronized Optional<Record> findMatching(Collection collection, String id, BoundFilter filter,
                                                      RequestInfo request) {
        return find(collection, id).filter(r -> matches(r, filter, request));
    }

    @Override
    public synchronized List<Record> findByIds(Collection collection, List<String> ids) {
        List<Record> out = new ArrayList<>();
        for (String id : ids) {
            find(collection, id).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public synchronized Page<Record> list(Collection collection, RecordQuery query) {
        // Like a SQL store, reject filters that do not resolve even when there are no rows.
        Record blank = blank(collection);
        matches(blank, query.ruleFilter(), query.request());
        matches(blank, query.clientFilter(), query.request());
        List<Record> matching = new ArrayList<>();
        for (Record r : table(collection).values()) {
            Record bound = rebind(collection, r);
            if (matches(bound, query.ruleFilter(), query.request()) && matches(bound, query.clientFilter(), query.request())) {
                matching.add(bound);
            }
        }
        Comparator<Record> order = null;
        for (String item : query.sort()) {
            boolean desc = item.startsWith("-");
            String field = desc || item.startsWith("+") ? item.substring(1) : item;
            if (collection.field(field).isEmpty()) {
                throw new BadRequest();
            }
            Comparator<Record> c = Comparator.comparing(r -> String.valueOf(r.get(field)));
            c = desc ? c.reversed() : c;
            order = order == null ? c : order.thenComparing(c);
        }
        if (order != null) {
            matching.sort(order);
        }
        int from = Math.min(matching.size(), (query.page() - 1) * query.perPage());
        int to = Math.min(matching.size(), from + query.perPage());
        long total = query.skipTotal() ? -1 : matching.size();
        long pages = query.skipTotal() ? -1 : (matching.size() + query.perPage() - 1) / query.perPage();
        return new Page<>(query.page(), query.perPage(), total, pages, matching.subList(from, to));
    }

    @Override
    public synchronized boolean draftMatches(Collection collection, Record draft, BoundFilter filter, RequestInfo request) {
        return matches(draft, filter, request);
    }

    @Override
    public synchronized List<Record> findReferencing(Collection collection, String field, String id) {
        List<Record> out = new ArrayList<>();
        for (Record r : table(collection).values()) {
            Object v = r.get(field);
            if (id.equals(v) || (v instanceof List<?> l && l.contains(id))) {
                out.add(rebind(collection, r));
            }
        }
        return out;
    }

    @Override
    public synchronized List<Record> findReferencingAny(Collection collection, String field, List<String> ids) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<Record> out = new ArrayList<>();
        for (Record r : table(collection).values()) {
            Object v = r.get(field);
            if ((v instanceof String s && wanted.contains(s))
                    || (v instanceof List<?> l && l.stream().anyMatch(wanted::contains))) {
                out.add(rebind(collection, r));
            }
        }
        return out;
    }

    @Override
    public synchronized Set<String> matchingIds(Collection collection, List<String> ids, BoundFilter filter,
                                                RequestInfo request) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            find(collection, id).filter(r -> matches(r, filter, request)).ifPresent(r -> out.add(r.id()));
        }
        return out;
    }

    @Override
    public synchronized void insert(Collection collection, Record record) {
        if (table(collection).containsKey(record.id())) {
            throw ValidationFailed.of("", "id", FieldError.of("validation_not_unique", "Value must be unique."));
        }
        checkUnique(collection, record);
        table(collection).put(record.id(), record);
    }

    @Override
    public synchronized void update(Collection collection, Record record) {
        if (!table(collection).containsKey(record.id())) {
            throw new IllegalStateException("no record " + record.id());
        }
        checkUnique(collection, record);
        table(collection).put(record.id(), record);
    }

    @Override
    public synchronized void delete(Collection collection, String id) {
        table(collection).remove(id);
    }

    @Override
    public synchronized void deleteAll(Collection collection) {
        table(collection).clear();
    }

    @Override
    public synchronized Object snapshot() {
        Map<String, LinkedHashMap<String, Record>> copy = new LinkedHashMap<>();
        tables.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        tables = (Map<String, LinkedHashMap<String, Record>>) snapshot;
    }

    private void checkUnique(Collection collection, Record record) {
        if (!(collection instanceof AuthCollection)) {
            return;
        }
        for (Record other : table(collection).values()) {
            if (other.id().equals(record.id())) {
                continue;
            }
            for (String unique : List.of("email", "tokenKey")) {
                Object v = record.get(unique);
                if (v instanceof String s && !s.isEmpty() && s.equals(other.get(unique))) {
                    throw ValidationFailed.of("", unique, FieldError.of("validation_not_unique", "Value must be unique."));
                }
            }
        }
    }

    private static Record blank(Collection collection) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (var f : collection.fields()) {
            values.put(f.name(), f.zero());
        }
        return new Record(collection, values);
    }

    /** Records keep the collection they were stored with; reads answer with the current definition. */
    private static Record rebind(Collection collection, Record r) {
        return r.collection() == collection ? r : new Record(collection, r.values(), r.expand());
    }

    /**
     * A bound rule, client filter or lookup decided by the domain's evaluator (the bound filter says how far
     * it may reach, as for the SQL store); what it cannot decide without joined rows (relation hops,
     * back-relations, {@code @collection}) is beyond this fake unless a test answered it.
     */
    private boolean matches(Record record, BoundFilter filter, RequestInfo request) {
        Decision d = evaluator.evaluate(record.collection(), complete(record), complete(request), filter);
        Predicate<Record> answer = ruleAnswers.get(filter.source());
        return d == Decision.NEEDS_STORE && answer != null ? answer.test(record) : decide(d, filter.source());
    }

    /** A stored row has every column: test records built with only some values get the others' zero values. */
    private static Record complete(Record record) {
        Map<String, Object> values = new LinkedHashMap<>(record.values());
        for (var f : record.collection().fields()) {
            values.putIfAbsent(f.name(), f.zero());
        }
        return values.size() == record.values().size() ? record : record.withValues(values);
    }

    private static RequestInfo complete(RequestInfo request) {
        RequestInfo req = RequestInfo.orGuest(request);
        return req.auth().isEmpty() ? req : new RequestInfo(req.auth().map(InMemoryRecordStore::complete),
                req.method(), req.headers(), req.query(), req.body(), req.context());
    }

    private static boolean decide(Decision d, String filter) {
        return switch (d) {
            case ALLOW -> true;
            case DENY -> false;
            case NEEDS_STORE -> throw new UnsupportedOperationException(
                    "InMemoryRecordStore cannot decide a filter that needs other rows: " + filter);
        };
    }
}
