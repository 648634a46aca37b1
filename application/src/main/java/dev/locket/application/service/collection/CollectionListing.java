package dev.locket.application.service.collection;

import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.Expr;
import dev.locket.domain.filter.RuleParser;
import dev.locket.domain.filter.SortItem;
import dev.locket.domain.filter.SortParser;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.Decision;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collections list's filter and sort. PocketBase resolves them over just id, name, type, system, created
 * and updated, so each collection is seen as a record of a small synthetic collection with those fields and
 * the filter is decided by the domain's {@link RuleEvaluator}, with the same semantics as record filters.
 * Anything that does not resolve is the generic 400, as upstream.
 */
final class CollectionListing {
    /** The columns the list can filter and sort by: the {@code _collections} table as the filter sees it. */
    private static final BaseCollection COLUMNS = new BaseCollection("_collections", "_collections", true,
            List.of(text("id", true), text("name", false), text("type", false),
                    new BoolField(meta("system"), false),
                    new AutodateField(meta("created"), true, false),
                    new AutodateField(meta("updated"), true, true)),
            CollectionRules.locked(), List.of(), "", "");

    private final RuleEvaluator evaluator;

    CollectionListing(Clock clock) {
        // The synthetic collection has no relations, so nothing else is ever looked up.
        this.evaluator = new RuleEvaluator(idOrName -> Optional.empty(), clock);
    }

    /** The collections {@code filter} matches, ordered by {@code sort}. */
    List<Collection> select(List<Collection> all, String filter, String sort, RequestInfo request) {
        try {
            Comparator<Collection> order = comparator(SortParser.parse(sort));
            List<Collection> matching = new ArrayList<>();
            Expr expr = filter == null || filter.isBlank() ? null : RuleParser.parse(filter);
            for (Collection c : all) {
                if (expr == null || decide(c, expr, request)) {
                    matching.add(c);
                }
            }
            if (expr != null && all.isEmpty()) {
                // Unknown fields are a 400 even when there is nothing to match, as with an SQL store.
                decide(COLUMNS, expr, request);
            }
            if (order != null) {
                matching.sort(order);
            }
            return matching;
        } catch (BadRequest e) {
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    private boolean decide(Collection c, Expr expr, RequestInfo request) {
        Decision d = evaluator.evaluate(COLUMNS, row(c), request, expr);
        return switch (d) {
            case ALLOW -> true;
            case DENY -> false;
            // Only rows outside the record make a filter undecidable; the synthetic collection has none.
            case NEEDS_STORE -> throw new BadRequest();
        };
    }

    private static Comparator<Collection> comparator(List<SortItem> items) {
        Comparator<Collection> order = null;
        for (SortItem item : items) {
            String field = item.path();
            if (COLUMNS.field(field).isEmpty()) {
                throw new BadRequest();
            }
            Comparator<Collection> c = Comparator.comparing(x -> String.valueOf(row(x).get(field)));
            c = item.descending() ? c.reversed() : c;
            order = order == null ? c : order.thenComparing(c);
        }
        return order;
    }

    private static Record row(Collection c) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", c.id());
        values.put("name", c.name());
        values.put("type", c.type().wire());
        values.put("system", c.system());
        values.put("created", c.created() == null ? "" : c.created());
        values.put("updated", c.updated() == null ? "" : c.updated());
        return new Record(COLUMNS, values);
    }

    private static TextField text(String name, boolean primaryKey) {
        return new TextField(new FieldMeta("", name, true, false, false, ""), primaryKey, 0, 0, "", "", primaryKey);
    }

    private static FieldMeta meta(String name) {
        return new FieldMeta("", name, true, false, false, "");
    }
}
