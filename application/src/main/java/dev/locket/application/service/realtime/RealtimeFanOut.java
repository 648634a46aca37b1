package dev.locket.application.service.realtime;

import dev.locket.application.hook.Hooks;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.service.record.ClientFilters;
import dev.locket.application.service.record.RecordExpander;
import dev.locket.application.service.record.RecordProjection;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.json.FieldsPicker;
import dev.locket.domain.json.Json;
import dev.locket.domain.realtime.RealtimeEvent;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.realtime.Topic;
import dev.locket.domain.types.GeoPoint;
import dev.locket.domain.record.Record;
import dev.locket.domain.record.RecordShape;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The realtime event fan-out (realtime §5): which subscriptions one record change reaches and what each
 * receives. Subscribers are grouped by (subscription string, auth record); rules are decided in memory by
 * the {@link RuleEvaluator}, and only what it cannot decide costs one store query per distinct (rule
 * inputs) — never one per subscriber. A message is rendered once per group, or once for groups whose
 * payload is necessarily the same.
 */
final class RealtimeFanOut {
    private final RecordStore records;
    private final RuleEvaluator evaluator;
    private final ClientFilters clientFilters = new ClientFilters();
    private final RecordExpander expander;
    private final RecordProjection projection;

    RealtimeFanOut(CollectionStore collections, RecordStore records, Clock clock, Hooks hooks) {
        this.records = records;
        this.evaluator = new RuleEvaluator(collections::find, clock);
        this.expander = new RecordExpander(collections, records, clock);
        this.projection = new RecordProjection(collections, records, clock, hooks);
    }

    /** One rendered message and who receives it. */
    record Outgoing(List<RealtimeClient> clients, RealtimeMessage message) {
    }

    /** Subscribers whose result is necessarily identical: same subscription string, same auth record. */
    private record GroupKey(String topic, String auth) {
    }

    private static final class Group {
        final Topic topic;
        final Topic.Kind kind;
        final Optional<Record> auth;
        final List<RealtimeClient> members = new ArrayList<>();

        Group(Topic topic, Topic.Kind kind, Optional<Record> auth) {
            this.topic = topic;
            this.kind = kind;
            this.auth = auth;
        }
    }

    /** Decides and renders one change for every matching subscription (realtime §5). */
    List<Outgoing> prepare(RealtimeEvent event, Iterable<RealtimeClient> clients) {
        Collection c = event.collection();
        Record record = event.record();
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        for (RealtimeClient client : clients) {
            if (!client.open) {
                continue;
            }
            Optional<Record> auth = client.auth;
            for (Topic t : client.subscriptions) {
                Optional<Topic.Kind> kind = t.kindFor(c.id(), c.name(), record.id());
                if (kind.isPresent()) {
                    groups.computeIfAbsent(new GroupKey(t.raw(), authKey(auth)),
                            k -> new Group(t, kind.get(), auth)).members.add(client);
                }
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> ruleCache = new HashMap<>();
        Map<String, Boolean> filterCache = new HashMap<>();
        Map<String, String> renderCache = new HashMap<>();
        List<Outgoing> out = new ArrayList<>();
        for (Group g : groups.values()) {
            RequestInfo request = new RequestInfo(g.auth, "GET", g.topic.headers(), g.topic.query(), Map.of(),
                    "realtime");
            if (!ruleAllows(c, record, g, request, ruleCache) || !filterAllows(c, record, g, request, filterCache)) {
                continue;
            }
            String renderKey = renderKey(c, g, request);
            String data = renderKey == null ? render(event, g.topic, request)
                    : renderCache.computeIfAbsent(renderKey, k -> render(event, g.topic, request));
            out.add(new Outgoing(g.members, new RealtimeMessage(g.topic.raw(), data)));
        }
        return out;
    }

    static void deliver(List<Outgoing> prepared) {
        for (Outgoing o : prepared) {
            for (RealtimeClient client : o.clients) {
                client.offer(o.message);
            }
        }
    }

    private boolean ruleAllows(Collection c, Record record, Group g, RequestInfo request,
                               Map<String, Boolean> cache) {
        AccessRule rule = g.kind == Topic.Kind.LIST ? c.rules().list() : c.rules().view();
        boolean superuser = request.isSuperuser();
        if (superuser || rule instanceof AccessRule.Public) {
            return true;
        }
        if (!(rule instanceof AccessRule.Filter f)) {
            return false;
        }
        // A rule that reads nothing of the request decides alike for every non-superuser.
        String key = g.kind + (f.expression().contains("@request") ? "|" + authKey(g.auth)
                + "|" + g.topic.query() + "|" + g.topic.headers() : "");
        return cache.computeIfAbsent(key, k -> {
            Decision d;
            try {
                d = evaluator.evaluate(c, record, request, rule);
            } catch (BadRequest e) {
                d = Decision.NEEDS_STORE;
            }
            return switch (d) {
                case ALLOW -> true;
                case DENY -> false;
                case NEEDS_STORE -> storeMatches(c, record, f, BoundFilter.ALL, request);
            };
        });
    }

    private boolean filterAllows(Collection c, Record record, Group g, RequestInfo request,
                                 Map<String, Boolean> cache) {
        String filter = g.topic.filter();
        if (filter.isBlank()) {
            return true;
        }
        boolean superuser = request.isSuperuser();
        String sort = g.topic.query().getOrDefault("sort", "");
        boolean readsRequest = false;
        for (String param : List.of(filter, sort)) {
            if (param.contains("@request.") || param.contains("@collection.")) {
                readsRequest = true;
            }
        }
        if (readsRequest && !superuser) {
            return false;
        }
        // Keyed by the caller too: a filter through a relation is answered under the related collection's
        // list rule for this caller (as a REST list), so one caller's answer is never another's.
        String key = filter + "|" + authKey(g.auth) + (readsRequest ? "|" + g.topic.query() + "|"
                + g.topic.headers() : "");
        return cache.computeIfAbsent(key, k -> {
            Decision d;
            try {
                d = evaluator.evaluate(c, record, request, clientFilters.bind(filter, false));
            } catch (BadRequest e) {
                return false; // a filter that does not parse or resolve means "skip"
            }
            return switch (d) {
                case ALLOW -> true;
                case DENY -> false;
                case NEEDS_STORE -> storeMatches(c, record, null, clientFilters.bind(filter, superuser), request);
            };
        });
    }

    /** One query: does the stored row satisfy the rule (or, without a rule, the client filter)? */
    private boolean storeMatches(Collection c, Record record, AccessRule.Filter rule, BoundFilter clientFilter,
                                 RequestInfo request) {
        try {
            if (rule != null) {
                return records.findMatching(c, record.id(), rule.bound(), request).isPresent();
            }
            RecordQuery query = new RecordQuery(BoundFilter.of(Lookup.byId(record.id())), clientFilter, List.of(),
                    1, 1, true, request);
            return !records.list(c, query).items().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Groups whose payload is necessarily the same share one rendering: without expand and outside auth
     * collections, only superuser-ness and {@code fields} change what is shown, unless record enrich handlers
     * may show each requester something else. Null: render per group.
     */
    private String renderKey(Collection c, Group g, RequestInfo request) {
        if (c instanceof AuthCollection || !g.topic.expand().isBlank() || projection.enriches()) {
            return null;
        }
        return request.isSuperuser() + "|" + g.topic.fields();
    }

    private String render(RealtimeEvent event, Topic topic, RequestInfo request) {
        Collection c = event.collection();
        Record fresh = new Record(c, event.record().values());
        Record shown = fresh;
        if (!topic.expand().isBlank()) {
            try {
                shown = expander.expand(c, List.of(fresh), topic.expand(), request).get(0);
            } catch (RuntimeException e) {
                shown = fresh; // expand errors are silently dropped (realtime §5 step 4)
            }
        }
        shown = projection.project(shown, request);
        Object recordJson = RecordShape.toMap(shown);
        if (!topic.fields().isBlank()) {
            try {
                recordJson = FieldsPicker.parse(topic.fields()).pick(recordJson);
            } catch (BadRequest e) {
                // an invalid fields value is ignored
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", event.action().wireName());
        payload.put("record", recordJson);
        return Json.writeGo(payload, RealtimeFanOut::special);
    }

    /** Go writes a geo point as its struct: {@code lon} then {@code lat}. */
    private static String special(Object value) {
        if (value instanceof GeoPoint p) {
            return "{\"lon\":" + Json.goFloat(p.lon()) + ",\"lat\":" + Json.goFloat(p.lat()) + "}";
        }
        return null;
    }

    static String authKey(Optional<Record> auth) {
        return auth.map(r -> r.collection().id() + "/" + r.id()).orElse("");
    }
}
