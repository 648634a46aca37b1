package dev.locket.application.service.record;

import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordEnrichEvent;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strips records (and their expanded records) down to what a requester may see, as PocketBase's
 * record serialisation does: hidden fields only for superusers, auth {@code password}/{@code tokenKey}
 * never, auth {@code email} only when visible, the requester's own, or to superusers and managers;
 * password fields of other collections as {@code ""}. Absent keys mean "do not serialise". Then, as
 * upstream's {@code OnRecordEnrich}, the enrich handlers change what this requester sees of each record
 * (collectionId and collectionName included).
 */
public final class RecordProjection {
    /** What the API shape adds to every record; hidden only by an enrich handler, as upstream's {@code Hide}. */
    private static final Set<String> SHAPE_KEYS = Set.of("collectionId", "collectionName");

    private final RecordStore records;
    private final RuleEvaluator evaluator;
    private final Hooks hooks;

    public RecordProjection(CollectionStore collections, RecordStore records, Clock clock, Hooks hooks) {
        this.records = records;
        this.evaluator = new RuleEvaluator(collections::find, clock);
        this.hooks = hooks;
    }

    /** Whether enrich handlers are bound (then what each requester sees may differ beyond the rules). */
    public boolean enriches() {
        return hooks.onRecordEnrich().size() > 0;
    }

    /** The record as {@code request}'s requester may see it. */
    public Record project(Record record, RequestInfo request) {
        return projectAll(List.of(record), request).get(0);
    }

    /**
     * The records as {@code request}'s requester may see them. The manageRule (email visibility) is
     * decided in memory where possible and otherwise with one store query per auth collection for all
     * the records (expanded ones included), as PocketBase checks a whole page at once.
     */
    public List<Record> projectAll(List<Record> page, RequestInfo request) {
        Set<String> managed = managed(page, request);
        List<Record> out = new ArrayList<>(page.size());
        for (Record r : page) {
            out.add(project(r, request, false, managed));
        }
        return out;
    }

    /**
     * As {@link #project(Record, RequestInfo)}, but keeping {@code email} regardless of its
     * visibility: the auth response shows the authenticated record its own email.
     */
    public Record projectForOwner(Record record, RequestInfo request) {
        return project(record, request, true, managed(List.of(record), request));
    }

    /**
     * As {@link #project(Record, RequestInfo)} without the enrich hooks: upstream's {@code app.Save} hands back the
     * record as saved, only the API's responses fire {@code onRecordEnrich}.
     */
    public Record projectUnenriched(Record record, RequestInfo request) {
        return shown(record, request, false, managed(List.of(record), request));
    }

    private Record project(Record record, RequestInfo request, boolean owner, Set<String> managed) {
        Record shown = shown(record, request, owner, managed);
        return enriches() ? enriched(record, shown, request) : shown;
    }

    private Record shown(Record record, RequestInfo request, boolean owner, Set<String> managed) {
        Collection c = record.collection();
        boolean superuser = request.isSuperuser();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : record.values().entrySet()) {
            String name = entry.getKey();
            Field field = c.field(name).orElse(null);
            if (field == null) {
                // Values without a field (e.g. extra columns of a view) are shown as stored.
                out.put(name, entry.getValue());
                continue;
            }
            if (c instanceof AuthCollection && (name.equals("password") || name.equals("tokenKey"))) {
                continue;
            }
            if (field.hidden() && !superuser) {
                continue;
            }
            if (field instanceof PasswordField) {
                out.put(name, ""); // the hash is never exposed
                continue;
            }
            out.put(name, entry.getValue());
        }
        if (out.containsKey("email") && !owner && hidesEmail(record, request)
                && !managed.contains(key(c, record.id()))) {
            out.remove("email");
        }
        Map<String, Object> expand = null;
        if (record.expand() != null) {
            expand = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : record.expand().entrySet()) {
                expand.put(e.getKey(), projectExpanded(e.getValue(), request, managed));
            }
        }
        return new Record(c, out, expand);
    }

    /**
     * Applies the enrich handlers' requests as upstream's public export does: an unhidden field shows when the
     * collection hides it (never the auth password or tokenKey, and the email keeps its visibility rule), a set
     * value replaces a shown field's or, with custom data allowed, adds a property; hidden names go last.
     */
    private Record enriched(Record stored, Record shown, RequestInfo request) {
        RecordEnrichEvent event = hooks.onRecordEnrich().trigger(
                new RecordEnrichEvent(stored.withExpand(shown.expand()), request));
        if (!event.changed()) {
            return shown;
        }
        Collection c = stored.collection();
        Map<String, Object> out = new LinkedHashMap<>(shown.values());
        Map<String, Object> expand = shown.expand();
        event.visibility().forEach((name, visible) -> {
            Field f = c.field(name).orElse(null);
            if (visible && f != null && f.hidden() && !(f instanceof PasswordField)
                    && !(c instanceof AuthCollection && name.equals("tokenKey"))) {
                out.put(name, stored.get(name));
            }
        });
        event.values().forEach((name, value) -> {
            if (c.field(name).isPresent() ? out.containsKey(name) : event.customData()) {
                out.put(name, value);
            }
        });
        Set<String> hiddenKeys = new HashSet<>();
        for (Map.Entry<String, Boolean> v : event.visibility().entrySet()) {
            if (!v.getValue()) {
                out.remove(v.getKey());
                expand = v.getKey().equals("expand") ? null : expand;
                if (SHAPE_KEYS.contains(v.getKey())) {
                    hiddenKeys.add(v.getKey());
                }
            }
        }
        return new Record(c, out, expand, hiddenKeys);
    }

    private Object projectExpanded(Object value, RequestInfo request, Set<String> managed) {
        if (value instanceof Record r) {
            return project(r, request, false, managed);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(item instanceof Record r ? project(r, request, false, managed) : item);
            }
            return out;
        }
        return value;
    }

    /** Whether the email is hidden unless the requester manages the record. */
    private static boolean hidesEmail(Record record, RequestInfo request) {
        return record.collection() instanceof AuthCollection && !request.isSuperuser()
                && !Boolean.TRUE.equals(record.get("emailVisibility")) && !isSelf(record, request);
    }

    /**
     * Keys ({@link #key}) of the records in the tree whose hidden email the requester may see by the
     * manageRule: in memory first, then one {@link RecordStore#matchingIds} per collection for the rest.
     */
    private Set<String> managed(List<Record> roots, RequestInfo request) {
        Set<String> managed = new HashSet<>();
        Map<String, AuthCollection> undecidedCollections = new LinkedHashMap<>();
        Map<String, Set<String>> undecided = new LinkedHashMap<>();
        List<Record> pending = new ArrayList<>(roots);
        while (!pending.isEmpty()) {
            Record r = pending.remove(pending.size() - 1);
            if (r.expand() != null) {
                for (Object v : r.expand().values()) {
                    if (v instanceof Record one) {
                        pending.add(one);
                    } else if (v instanceof List<?> list) {
                        for (Object item : list) {
                            if (item instanceof Record one) {
                                pending.add(one);
                            }
                        }
                    }
                }
            }
            if (!(r.collection() instanceof AuthCollection auth) || !hidesEmail(r, request)
                    || managed.contains(key(auth, r.id()))) {
                continue;
            }
            switch (decideInMemory(auth, r, request)) {
                case ALLOW -> managed.add(key(auth, r.id()));
                case DENY -> { }
                case NEEDS_STORE -> {
                    undecidedCollections.putIfAbsent(auth.id(), auth);
                    undecided.computeIfAbsent(auth.id(), k -> new HashSet<>()).add(r.id());
                }
            }
        }
        for (Map.Entry<String, Set<String>> e : undecided.entrySet()) {
            AuthCollection auth = undecidedCollections.get(e.getKey());
            BoundFilter rule = ((AccessRule.Filter) auth.auth().manageRule()).bound();
            for (String id : records.matchingIds(auth, e.getValue().stream().sorted().toList(), rule, request)) {
                managed.add(key(auth, id));
            }
        }
        return managed;
    }

    private static String key(Collection c, String id) {
        return c.id() + "/" + id;
    }

    static boolean isSelf(Record record, RequestInfo request) {
        return request.auth()
                .map(a -> a.collection().id().equals(record.collection().id()) && a.id().equals(record.id()))
                .orElse(false);
    }

    /**
     * Whether the requester satisfies the auth collection's manageRule for this stored record (as a
     * view rule: superusers always; decided in memory where possible, else by the store).
     */
    boolean canManage(AuthCollection collection, Record record, RequestInfo request) {
        return switch (decideInMemory(collection, record, request)) {
            case ALLOW -> true;
            case DENY -> false;
            case NEEDS_STORE -> records.findMatching(collection, record.id(),
                    ((AccessRule.Filter) collection.auth().manageRule()).bound(), request).isPresent();
        };
    }

    /** NEEDS_STORE only arises for filter rules; one the evaluator rejects is left to the store to judge. */
    private Decision decideInMemory(AuthCollection collection, Record record, RequestInfo request) {
        try {
            return evaluator.evaluate(collection, record, request, collection.auth().manageRule());
        } catch (BadRequest e) {
            return Decision.NEEDS_STORE;
        }
    }
}
