package dev.locket.domain.rule;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.field.Field;
import dev.locket.domain.json.Json;
import dev.locket.domain.record.Record;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared table of rule cases ({@code /rules/cases.json}): collections, the rows other collections hold,
 * and cases (rule, record, request, expected match). The domain evaluator and the SQLite translation both
 * run it, so the two executions of the language cannot drift apart.
 */
public final class RuleCases {

    /**
     * One case. {@code expect} is null when the rule must be rejected with a BadRequest. {@code needsStore}
     * cases are only checked to be {@link Decision#NEEDS_STORE} by the evaluator. The evaluator gets
     * {@code request} (its auth record possibly partial); the store gets {@code storeRequest} (full auth record).
     * {@code client} cases are a non-superuser's client filter rather than an API rule. {@code upstream} names
     * the PocketBase source or test whose answer the case encodes; {@code clock} replaces the table's clock
     * (an instant and a time zone, for the datetime macros).
     */
    public record Case(int number, String rule, Collection collection, Record record, RequestInfo request,
                       RequestInfo storeRequest, Boolean expect, boolean needsStore, boolean client,
                       String upstream, Clock clock) {
        @Override
        public String toString() {
            return "#" + number + (client ? " client filter " : " ") + rule + (upstream == null ? "" : " [" + upstream + "]");
        }
    }

    private final Clock clock;
    private final List<Collection> collections = new ArrayList<>();
    private final Map<String, List<Record>> store = new LinkedHashMap<>();
    private final List<Case> cases = new ArrayList<>();

    private RuleCases(Map<String, Object> root) {
        clock = Clock.fixed(Instant.parse((String) root.get("clock")), ZoneOffset.UTC);
        for (Object c : list(root.get("collections"))) {
            collections.add(FixtureCollections.read(map(c)));
        }
        for (Map.Entry<String, Object> e : map(root.get("store")).entrySet()) {
            Collection c = collection(e.getKey()).orElseThrow();
            List<Record> records = new ArrayList<>();
            for (Object values : list(e.getValue())) {
                records.add(record(c, map(values)));
            }
            store.put(c.name(), records);
        }
        Map<String, Object> records = map(root.get("records"));
        Map<String, Object> requests = map(root.get("requests"));
        int n = 0;
        for (Object o : list(root.get("cases"))) {
            Map<String, Object> m = map(o);
            n++;
            Object recordSpec = m.getOrDefault("record", "p1");
            Map<String, Object> values;
            if (recordSpec instanceof String name) {
                values = map(records.get(name));
            } else {
                Map<String, Object> spec = map(recordSpec);
                values = new LinkedHashMap<>(map(records.get((String) spec.getOrDefault("base", "p1"))));
                spec.forEach((k, v) -> {
                    if (!k.equals("base")) {
                        values.put(k, v);
                    }
                });
            }
            Map<String, Object> recordMap = new LinkedHashMap<>(values);
            Collection collection = collection((String) recordMap.remove("@collection")).orElseThrow();
            Record record = record(collection, recordMap);
            Object requestSpec = m.getOrDefault("request", "guest");
            Map<String, Object> req = requestSpec instanceof String name ? map(requests.get(name)) : map(requestSpec);
            Object expect = m.get("expect");
            cases.add(new Case(n, (String) m.get("rule"), collection, record, request(req, collection, true),
                    request(req, collection, false), expect instanceof Boolean b ? b : null,
                    Boolean.TRUE.equals(m.get("store")), Boolean.TRUE.equals(m.get("client")),
                    (String) m.get("upstream"), m.get("clock") instanceof String instant
                            ? Clock.fixed(Instant.parse(instant), ZoneId.of((String) m.getOrDefault("zone", "UTC")))
                            : clock));
        }
    }

    /** Reads the table from the test resources. */
    public static RuleCases load() {
        try (InputStream in = RuleCases.class.getResourceAsStream("/rules/cases.json")) {
            return new RuleCases(map(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Clock clock() {
        return clock;
    }

    public List<Collection> collections() {
        return collections;
    }

    /** The collection with this id or name. */
    public Optional<Collection> collection(String idOrName) {
        return collections.stream().filter(c -> c.answersTo(idOrName)).findFirst();
    }

    /** Rows of the other collections, by collection name. */
    public Map<String, List<Record>> store() {
        return store;
    }

    public List<Case> cases() {
        return cases;
    }

    private Record record(Collection c, Map<String, Object> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            values.put(f.name(), raw.containsKey(f.name()) ? f.normalize(raw.get(f.name())) : f.zero());
        }
        return new Record(c, values);
    }

    private RequestInfo request(Map<String, Object> m, Collection collection, boolean forEvaluator) {
        Optional<Record> auth = Optional.empty();
        if (m.get("auth") instanceof String id) {
            Record full = store.values().stream().flatMap(List::stream).filter(r -> r.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no stored auth record " + id));
            if (forEvaluator && m.get("partial") instanceof List<?> keep) {
                Map<String, Object> partial = new LinkedHashMap<>();
                for (Object k : keep) {
                    partial.put((String) k, full.get((String) k));
                }
                full = new Record(full.collection(), partial);
            }
            auth = Optional.of(full);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        map(m.getOrDefault("body", Map.of())).forEach((k, v) -> body.put(k,
                collection.field(k).map(f -> f.normalize(v)).orElse(v)));
        return new RequestInfo(auth, (String) m.getOrDefault("method", "GET"), strings(m.get("headers")),
                strings(m.get("query")), body, (String) m.getOrDefault("context", "default"));
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            map(o).forEach((k, v) -> out.put(k, (String) v));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
