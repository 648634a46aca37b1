package dev.locket.application.service.record;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code expand} paths (records-api §8): forward relations and {@code <collection>_via_<field>}
 * back-relations, up to 6 levels, each related record filtered by its collection's viewRule with
 * request context {@code expand}. A path with any invalid segment is dropped as a whole.
 *
 * <p>Every level is fetched in batches: per path segment one lookup of the related records (by ids, or by
 * the referencing field for back-relations) and at most one viewRule query for the records the
 * {@link RuleEvaluator} cannot decide in memory. A page therefore costs O(levels × relations) store
 * calls, whatever its size.
 */
public final class RecordExpander {
    static final int MAX_DEPTH = 6;
    static final int MAX_BACK_RELATIONS = 1000;

    private final CollectionStore collections;
    private final RecordStore records;
    private final RuleEvaluator evaluator;

    /** {@code clock} is the time of the datetime macros in viewRules decided in memory. */
    public RecordExpander(CollectionStore collections, RecordStore records, Clock clock) {
        this.collections = collections;
        this.records = records;
        this.evaluator = new RuleEvaluator(collections::find, clock);
    }

    /** One resolved path segment. */
    private record Hop(String key, Collection target, RelationField forward, RelationField back, boolean single) {
    }

    /** Hops sharing a prefix, as a tree. */
    private static final class Node {
        final Map<String, Hop> hops = new LinkedHashMap<>();
        final Map<String, Node> children = new LinkedHashMap<>();
    }

    /** Returns the records with {@code expand} filled in, or unchanged when no path could be processed. */
    public List<Record> expand(Collection collection, List<Record> items, String expand, RequestInfo request) {
        List<List<String>> paths = normalize(expand);
        if (paths.isEmpty() || items.isEmpty()) {
            return items;
        }
        Node root = new Node();
        boolean any = false;
        for (List<String> path : paths) {
            Optional<List<Hop>> hops = resolve(collection, path, request);
            if (hops.isEmpty()) {
                continue;
            }
            any = true;
            Node node = root;
            for (Hop hop : hops.get()) {
                node.hops.putIfAbsent(hop.key, hop);
                node = node.children.computeIfAbsent(hop.key, k -> new Node());
            }
        }
        if (!any) {
            return items;
        }
        RequestInfo expandRequest = request.withContext("expand");
        return expandLevel(items, root, expandRequest);
    }

    private List<Record> expandLevel(List<Record> items, Node node, RequestInfo request) {
        List<Map<String, Object>> expands = new ArrayList<>();
        for (Record r : items) {
            expands.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Hop> entry : node.hops.entrySet()) {
            Hop hop = entry.getValue();
            Node child = node.children.get(entry.getKey());
            if (hop.forward != null) {
                expandForward(items, hop, child, request, expands);
            } else {
                expandBack(items, hop, child, request, expands);
            }
        }
        List<Record> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i).withExpand(expands.get(i)));
        }
        return out;
    }

    private void expandForward(List<Record> items, Hop hop, Node child, RequestInfo request,
                               List<Map<String, Object>> expands) {
        String field = hop.forward.name();
        Set<String> ids = new LinkedHashSet<>();
        for (Record r : items) {
            ids.addAll(idsOf(r.get(field)));
        }
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Record> visible = visible(hop.target, records.findByIds(hop.target, List.copyOf(ids)), request);
        visible = expandChildren(visible, child, request);
        for (int i = 0; i < items.size(); i++) {
            List<Record> related = new ArrayList<>();
            for (String id : idsOf(items.get(i).get(field))) {
                Record rel = visible.get(id);
                if (rel != null) {
                    related.add(rel);
                }
            }
            if (related.isEmpty()) {
                continue;
            }
            expands.get(i).put(hop.key, hop.forward.multiple() ? related : related.get(related.size() - 1));
        }
    }

    private void expandBack(List<Record> items, Hop hop, Node child, RequestInfo request,
                            List<Map<String, Object>> expands) {
        String field = hop.back.name();
        Set<String> parentIds = new LinkedHashSet<>();
        for (Record r : items) {
            parentIds.add(r.id());
        }
        // One batch for the whole level; each referencing record is then filed under every parent it names.
        Map<String, List<Record>> byParent = new LinkedHashMap<>();
        Map<String, Record> all = new LinkedHashMap<>();
        for (Record ref : records.findReferencingAny(hop.target, field, List.copyOf(parentIds))) {
            boolean kept = false;
            for (String parent : new LinkedHashSet<>(idsOf(ref.get(field)))) {
                if (!parentIds.contains(parent)) {
                    continue;
                }
                List<Record> refs = byParent.computeIfAbsent(parent, k -> new ArrayList<>());
                // upstream caps back-relation expands at 1000 records per parent
                if (refs.size() < MAX_BACK_RELATIONS) {
                    refs.add(ref);
                    kept = true;
                }
            }
            if (kept) {
                all.putIfAbsent(ref.id(), ref);
            }
        }
        Map<String, Record> visible = expandChildren(visible(hop.target, List.copyOf(all.values()), request), child,
                request);
        for (int i = 0; i < items.size(); i++) {
            List<Record> related = new ArrayList<>();
            for (Record ref : byParent.getOrDefault(items.get(i).id(), List.of())) {
                Record v = visible.get(ref.id());
                if (v != null) {
                    related.add(v);
                }
            }
            if (related.isEmpty()) {
                continue;
            }
            expands.get(i).put(hop.key, hop.single ? related.get(0) : related);
        }
    }

    private Map<String, Record> expandChildren(Map<String, Record> visible, Node child, RequestInfo request) {
        if (child == null || child.hops.isEmpty() || visible.isEmpty()) {
            return visible;
        }
        List<Record> expanded = expandLevel(List.copyOf(visible.values()), child, request);
        Map<String, Record> out = new LinkedHashMap<>();
        for (Record r : expanded) {
            out.put(r.id(), r);
        }
        return out;
    }

    /**
     * The found records the request may view, keyed by id in found order. The {@link RuleEvaluator} decides
     * what it can in memory; the rest go to the store in one batch.
     */
    private Map<String, Record> visible(Collection target, List<Record> found, RequestInfo request) {
        Map<String, Record> out = new LinkedHashMap<>();
        AccessRule rule = target.rules().view();
        if (found.isEmpty() || rule instanceof AccessRule.Locked && !request.isSuperuser()) {
            return out;
        }
        if (request.isSuperuser() || !(rule instanceof AccessRule.Filter f)) {
            for (Record r : found) {
                out.put(r.id(), r);
            }
            return out;
        }
        // a rule that does not parse fails here as the store's translation of it always did
        BoundFilter filter = f.bound();
        Map<String, Decision> decisions = new LinkedHashMap<>();
        List<String> undecided = new ArrayList<>();
        for (Record r : found) {
            Decision d = decide(target, r, request, filter);
            decisions.put(r.id(), d);
            if (d == Decision.NEEDS_STORE) {
                undecided.add(r.id());
            }
        }
        Set<String> allowedByStore = undecided.isEmpty() ? Set.of()
                : records.matchingIds(target, undecided, filter, request);
        for (Record r : found) {
            boolean ok = switch (decisions.get(r.id())) {
                case ALLOW -> true;
                case DENY -> false;
                case NEEDS_STORE -> allowedByStore.contains(r.id());
            };
            if (ok) {
                out.put(r.id(), r);
            }
        }
        return out;
    }

    private Decision decide(Collection target, Record r, RequestInfo request, BoundFilter filter) {
        try {
            return evaluator.evaluate(target, r, request, filter);
        } catch (BadRequest e) {
            // A rule that does not resolve is left to the store, which rejects it as it always did.
            return Decision.NEEDS_STORE;
        }
    }

    private Optional<List<Hop>> resolve(Collection start, List<String> path, RequestInfo request) {
        List<Hop> hops = new ArrayList<>();
        Collection current = start;
        for (String segment : path) {
            Optional<Hop> hop = hop(current, segment);
            if (hop.isEmpty()) {
                return Optional.empty();
            }
            if (!request.isSuperuser() && hop.get().target.rules().view() instanceof AccessRule.Locked) {
                return Optional.empty();
            }
            hops.add(hop.get());
            current = hop.get().target;
        }
        return Optional.of(hops);
    }

    private Optional<Hop> hop(Collection current, String segment) {
        Optional<Field> field = current.field(segment);
        if (field.isPresent()) {
            if (!(field.get() instanceof RelationField rel)) {
                return Optional.empty();
            }
            return collections.find(rel.collectionId())
                    .filter(t -> t.id().equals(rel.collectionId()))
                    .map(t -> new Hop(segment, t, rel, null, !rel.multiple()));
        }
        int via = segment.indexOf("_via_");
        if (via <= 0) {
            return Optional.empty();
        }
        String collectionName = segment.substring(0, via);
        String fieldName = segment.substring(via + "_via_".length());
        Optional<Collection> refCollection = collections.find(collectionName)
                .filter(c -> c.name().equalsIgnoreCase(collectionName));
        if (refCollection.isEmpty()) {
            return Optional.empty();
        }
        Optional<Field> refField = refCollection.get().field(fieldName);
        if (refField.isEmpty() || !(refField.get() instanceof RelationField rel)
                || !rel.collectionId().equals(current.id())) {
            return Optional.empty();
        }
        return Optional.of(new Hop(segment, refCollection.get(), null, rel,
                refCollection.get().hasUniqueIndex(fieldName)));
    }

    /** Spaces removed, dots trimmed, empties and duplicates dropped, prefixes of other paths dropped. */
    static List<List<String>> normalize(String expand) {
        List<String> raw = new ArrayList<>();
        for (String part : expand.split(",")) {
            String p = part.replaceAll("\\s+", "");
            while (p.startsWith(".")) {
                p = p.substring(1);
            }
            while (p.endsWith(".")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.isEmpty() && !raw.contains(p)) {
                raw.add(p);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (String p : raw) {
            boolean prefix = false;
            for (String other : raw) {
                if (!other.equals(p) && other.startsWith(p + ".")) {
                    prefix = true;
                    break;
                }
            }
            if (prefix) {
                continue;
            }
            List<String> segments = new ArrayList<>(List.of(p.split("\\.")));
            segments.removeIf(String::isEmpty);
            out.add(segments.size() > MAX_DEPTH ? List.copyOf(segments.subList(0, MAX_DEPTH)) : segments);
        }
        return out;
    }

    static List<String> idsOf(Object value) {
        if (value instanceof String s) {
            return s.isEmpty() ? List.of() : List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o != null && !o.toString().isEmpty()) {
                    out.add(o.toString());
                }
            }
            return out;
        }
        return List.of();
    }
}
